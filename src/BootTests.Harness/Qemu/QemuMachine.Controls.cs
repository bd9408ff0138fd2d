using System.Globalization;
using System.Net.Sockets;
using BootTests.Qemu.Qmp;

namespace BootTests.Qemu;

/// <summary>What a test does to a running machine: type on its serial console, add a port forward, let a guest reboot reset it.</summary>
public sealed partial class QemuMachine
{
    private readonly SemaphoreSlim consoleWrites = new(1, 1);

    /// <summary>Sends bytes to the guest's serial port, as if typed on it.</summary>
    public async Task SendConsoleAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var socket = console ?? throw new InvalidOperationException("The console is not connected yet.");
        await consoleWrites.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, ct).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        finally
        {
            consoleWrites.Release();
        }
    }

    /// <summary>
    /// Forwards a free port on 127.0.0.1 to the guest's TCP <paramref name="guestPort"/> (QMP hostfwd_add on the restricted
    /// user network, so the forward keeps the argv policy: loopback only) and returns the host port.
    /// </summary>
    public async Task<int> ForwardPortAsync(int guestPort, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(guestPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(guestPort, 65535);
        var before = UsernetInfo.ParseHostForwards(await Qmp.HumanMonitorCommandAsync("info usernet", ct).ConfigureAwait(false));
        var rule = $"tcp:127.0.0.1:0-:{guestPort.ToString(CultureInfo.InvariantCulture)}";
        var answer = await Qmp.HumanMonitorCommandAsync($"hostfwd_add {QemuArgv.NetdevId} {rule}", ct).ConfigureAwait(false);
        var after = UsernetInfo.ParseHostForwards(await Qmp.HumanMonitorCommandAsync("info usernet", ct).ConfigureAwait(false));
        var added = after.Where(f => f.Protocol == "TCP" && f.GuestPort == guestPort && !before.Contains(f)).ToList();
        if (added.Count != 1)
        {
            throw new BootTestsException(ExitCode.BootFailed, Stage.Guest,
                $"QEMU did not add the forward {rule}: hostfwd_add answered '{answer.Trim()}', and 'info usernet' lists {added.Count} new forwards to guest port {guestPort}.");
        }
        var ports = new Dictionary<int, int>(ForwardedPorts);
        ports.TryAdd(guestPort, added[0].HostPort);
        ForwardedPorts = ports;
        return added[0].HostPort;
    }

    /// <summary>What a guest reboot does: true resets the machine (a guest reboot boots again), false ends QEMU (-no-reboot, so a panic's reboot ends the run).</summary>
    public async Task SetGuestRebootResetsAsync(bool resets, CancellationToken ct = default) =>
        await Qmp.ExecuteAsync("set-action", new { reboot = resets ? "reset" : "shutdown" }, ct).ConfigureAwait(false);
}
