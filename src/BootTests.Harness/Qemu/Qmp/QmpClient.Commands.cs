using System.Text.Json;

namespace BootTests.Qemu.Qmp;

/// <summary>Typed shortcuts for the QMP commands the harness uses.</summary>
public sealed partial class QmpClient
{
    /// <summary>Runs a human monitor (HMP) command such as "info usernet" and returns its text as QEMU printed it.</summary>
    public async Task<string> HumanMonitorCommandAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        var arguments = new Dictionary<string, string> { ["command-line"] = commandLine };
        var result = await ExecuteAsync("human-monitor-command", arguments, cancellationToken);
        return result.GetString() ?? "";
    }

    /// <summary>Whether KVM is in use by this QEMU (Enabled) and whether QEMU could use it at all (Present).</summary>
    public async Task<(bool Enabled, bool Present)> QueryKvmAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync("query-kvm", null, cancellationToken);
        return (result.GetProperty("enabled").GetBoolean(), result.GetProperty("present").GetBoolean());
    }

    /// <summary>The run state, e.g. "prelaunch", "running", "paused", "shutdown".</summary>
    public async Task<string> QueryStatusAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync("query-status", null, cancellationToken);
        return result.GetProperty("status").GetString() ?? "";
    }

    /// <summary>The host port that user networking forwards to TCP <paramref name="guestPort"/> (useful with host port 0).</summary>
    public async Task<int> GetForwardedHostPortAsync(int guestPort, CancellationToken cancellationToken = default)
    {
        var usernet = await HumanMonitorCommandAsync("info usernet", cancellationToken);
        return UsernetInfo.FindTcpHostPort(usernet, guestPort)
            ?? throw new InvalidOperationException(
                $"'info usernet' lists no TCP host forward to guest port {guestPort}. It printed:\n{usernet}");
    }

    /// <summary>Asks QEMU to exit; the connection closing before the answer arrives counts as success.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ExecuteAsync("quit", null, cancellationToken);
        }
        catch (QmpConnectionClosedException)
        {
        }
    }
}
