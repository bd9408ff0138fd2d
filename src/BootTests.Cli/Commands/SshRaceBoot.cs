using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;
using BootTests.Serial;
using BootTests.Session;
using CliWrap;

namespace BootTests.Cli.Commands;

/// <summary>
/// One boot in which OpenSSH's own client races the harness to the first command: both start when the console says the
/// SSH server started, on the same guest at the same moment. OpenSSH retries as a script would
/// (`until ssh -o ConnectTimeout=1 … true; do sleep 0.05; done`): QEMU's user network accepts a connection before the
/// guest has an address, so without a short timeout each try would wait out the network's own retries.
/// </summary>
public static class SshRaceBoot
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    /// <summary>The race's times; null when the boot failed or OpenSSH never got in (said on stderr).</summary>
    public static async Task<SshRace?> RunAsync(BuiltImage image, AcceleratorChoice accelerator, string label, IProgress<string> progress, CancellationToken ct)
    {
        await using var session = await new BootSessionBuilder().WithImage(image).WithAccelerator(accelerator).WithProgress(progress).BuildAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var openssh = OpenSshFirstCommandAsync(session, image.ClientKeyPath, stop.Token);
        var outcome = await session.RunAsync(checks: [], ct);
        if (outcome.BootFailure is { } failed)
        {
            await stop.CancelAsync();
            await Quietly(openssh);
            Console.Error.WriteLine($"boottest: {label}: boot failed: {failed.Message}");
            return null;
        }
        double? opensshReady;
        try
        {
            opensshReady = await openssh.WaitAsync(Budget, ct);
        }
        catch (TimeoutException)
        {
            opensshReady = null;
        }
        await stop.CancelAsync();
        await session.PowerOffAsync(ct: ct);
        var sshd = outcome.Report.Milestones.FirstOrDefault(m => m.Name == Milestones.SshdStarted)?.HostSeconds;
        var ready = outcome.Report.Milestones.FirstOrDefault(m => m.Name == Milestones.SshReady)?.HostSeconds;
        if (sshd is null || ready is null || opensshReady is null)
        {
            Console.Error.WriteLine($"boottest: {label}: the race has no result (sshd-started {sshd}, harness {ready}, OpenSSH {opensshReady})");
            return null;
        }
        var race = new SshRace(sshd.Value, ready.Value, opensshReady.Value);
        progress.Report($"{label}: from sshd-started, the harness ran its first command after {race.Harness:F2} s, OpenSSH's client after {race.OpenSsh:F2} s");
        return race;
    }

    /// <summary>Waits for the console's sshd line, then runs `ssh … true` until it succeeds; the host seconds (QEMU's clock) when it did.</summary>
    private static async Task<double?> OpenSshFirstCommandAsync(BootSession session, string key, CancellationToken ct)
    {
        while (session.Timeline.Find(Milestones.SshdStarted) is null)
            await Task.Delay(20, ct);
        var port = session.Machine.SshHostPort;
        string[] arguments =
        [
            "-i", key, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=1", "root@127.0.0.1", "true",
        ];
        while (true)
        {
            var result = await CliWrap.Cli.Wrap("ssh").WithArguments(arguments).WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.Null).WithStandardErrorPipe(PipeTarget.Null).ExecuteAsync(ct);
            if (result.ExitCode == 0) return session.Machine.HostSeconds;
            await Task.Delay(50, ct);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Cancelled with the boot, or the machine never started.
        }
    }
}
