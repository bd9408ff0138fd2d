using System.Diagnostics;

namespace BootTests.Guest;

/// <summary>
/// Files in and out over the same pinned connection: `cat` on an exec channel, which every guest with a POSIX shell
/// has (dropbear images have no sftp-server). A file is held in memory while it is copied, so these are for test-sized files.
/// </summary>
public sealed partial class SshGuestShell
{
    /// <summary>Copies a host file to <paramref name="guestPath"/> with the host file's permission bits; a failure throws with the guest's stderr.</summary>
    public async Task CopyToAsync(string hostPath, string guestPath, CancellationToken ct = default)
    {
        var mode = Convert.ToString((int)File.GetUnixFileMode(hostPath) & 0x1FF, 8);
        var target = ShellWord.Quote(guestPath);
        var started = Stopwatch.GetTimestamp();
        await using var source = File.OpenRead(hostPath);
        using var command = client.CreateCommand($"cat > {target} && chmod {mode} {target}");
        var running = command.ExecuteAsync(ct);
        await using (var input = command.CreateInputStream())
        {
            await source.CopyToAsync(input, ct).ConfigureAwait(false);
        }
        await running.ConfigureAwait(false);
        ThrowIfFailed(command, started, $"copy {hostPath} to the guest's {guestPath}");
    }

    /// <summary>Copies <paramref name="guestPath"/> from the guest to a host file (written whole, then renamed into place).</summary>
    public async Task CopyFromAsync(string guestPath, string hostPath, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var command = client.CreateCommand($"cat -- {ShellWord.Quote(guestPath)}");
        await command.ExecuteAsync(ct).ConfigureAwait(false);
        ThrowIfFailed(command, started, $"copy the guest's {guestPath} to {hostPath}");
        var partial = hostPath + ".part";
        await using (var file = File.Create(partial))
        {
            await command.OutputStream.CopyToAsync(file, ct).ConfigureAwait(false);
        }
        File.Move(partial, hostPath, overwrite: true);
    }

    private static void ThrowIfFailed(Renci.SshNet.SshCommand command, long started, string what)
    {
        if (command.ExitStatus == 0) return;
        var result = new GuestCommandResult($"{command.CommandText} (to {what})", command.ExitStatus ?? -1, "", command.Error, Stopwatch.GetElapsedTime(started));
        throw new GuestCommandFailedException(result, "succeed (exit 0)");
    }
}
