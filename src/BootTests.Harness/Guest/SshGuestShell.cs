using System.Diagnostics;
using Renci.SshNet;

namespace BootTests.Guest;

/// <summary>An SSH session into the guest with a checked host key; owns the connection.</summary>
public sealed partial class SshGuestShell : IGuestShell, IAsyncDisposable
{
    private readonly SshClient client;

    private SshGuestShell(GuestEndpoint endpoint, SshClient client, string hostKeyFingerprint)
    {
        Endpoint = endpoint;
        this.client = client;
        HostKeyFingerprint = hostKeyFingerprint;
    }

    public static TimeSpan DefaultCommandTimeout { get; } = TimeSpan.FromSeconds(60);

    public GuestEndpoint Endpoint { get; }

    public string HostKeyFingerprint { get; }

    /// <summary>The host key this connection accepted, as known_hosts writes it ("ssh-ed25519 AAAA…"), or null when the server sent none.</summary>
    public string? HostKey { get; private init; }

    /// <summary>Wall-clock moment the first command (<c>true</c>) returned: "ssh-ready".</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at the moment the first command returned.</summary>
    public long ReadyTimestamp { get; private set; }

    /// <summary>How many connection attempts it took, the successful one included.</summary>
    public int Attempts { get; private set; }

    public async Task<GuestCommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? DefaultCommandTimeout;
        using var sshCommand = client.CreateCommand(command);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await sshCommand.ExecuteAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new GuestCommandTimeoutException(command, limit, e);
        }
        catch (Renci.SshNet.Common.SshOperationTimeoutException e)
        {
            throw new GuestCommandTimeoutException(command, limit, e);
        }

        return new GuestCommandResult(
            command,
            sshCommand.ExitStatus ?? -1,
            sshCommand.Result,
            sshCommand.Error,
            Stopwatch.GetElapsedTime(started));
    }

    public ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            client.Disconnect();
        }

        client.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"ssh {Endpoint} ({HostKeyFingerprint})";
}
