using System.Diagnostics;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>One boot of a soak: the library's run (boot, checks, report), then its power-off; a failure is recorded, never thrown.</summary>
public static class SoakBoots
{
    public static async Task<SoakBoot> BootOnceAsync(BuiltImage image, AcceleratorChoice accelerator, string? runsFolder, int run, IProgress<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var builder = new BootSessionBuilder().WithImage(image).WithAccelerator(accelerator).WithProgress(progress);
        if (runsFolder is not null) builder = builder.WithRunsFolder(runsFolder);
        await using var session = await builder.BuildAsync(ct);
        var outcome = await session.RunAsync(ct: ct);
        if (outcome.BootFailure is { } failed)
            return new SoakBoot(run, SoakOutcome.BootFailed, null, $"{failed.Failure.Stage}: {failed.Failure.Reason}", session.RunDirectory, clock.Elapsed.TotalSeconds);
        // Powered off and gone before the next boot starts, so boots never overlap.
        var off = await session.PowerOffAsync(ct: ct);
        if (!off.ExitedByItself) progress.Report($"soak {run}: {off.Describe()}");
        return outcome.ExitCode == ExitCode.Success
            ? new SoakBoot(run, SoakOutcome.Passed, outcome.SshReadySeconds, null, session.RunDirectory, clock.Elapsed.TotalSeconds)
            : new SoakBoot(run, SoakOutcome.CheckFailed, outcome.SshReadySeconds, string.Join("; ", outcome.FailedChecks), session.RunDirectory, clock.Elapsed.TotalSeconds);
    }
}

/// <summary>How one soak boot ended.</summary>
public enum SoakOutcome
{
    Passed,
    CheckFailed,
    BootFailed,
}

/// <summary>One soak boot: outcome, seconds from QEMU start to SSH answering, why it failed, where its run files are.</summary>
public sealed record SoakBoot(int Run, SoakOutcome Outcome, double? SshReadySeconds, string? Failure, string RunDirectory, double WallSeconds)
{
    public string Describe(int of)
    {
        var verdict = Outcome switch { SoakOutcome.Passed => "pass", SoakOutcome.CheckFailed => "CHECK FAILED", _ => "BOOT FAILED" };
        var ssh = SshReadySeconds is { } s ? $"ssh-ready {s,6:F1} s" : "ssh-ready      -  ";
        var why = Failure is null ? "" : $" — {Failure}";
        return $"soak {Run,3}/{of}: {verdict,-12} {ssh}  (wall {WallSeconds:F1} s; {RunDirectory}){why}";
    }
}

/// <summary>The soak's totals: failures and the boot-to-SSH spread of the boots that reached SSH.</summary>
public sealed record SoakSummary(int Boots, int BootFailures, int CheckFailures, double? Min, double? Median, double? Max)
{
    public static SoakSummary Of(IReadOnlyList<SoakBoot> boots)
    {
        var ssh = boots.Where(b => b.SshReadySeconds is not null).Select(b => b.SshReadySeconds!.Value).Order().ToList();
        double? median = ssh.Count == 0 ? null : BootTests.Reports.Measurements.Statistics.Of(ssh).Median;
        return new SoakSummary(boots.Count, boots.Count(b => b.Outcome == SoakOutcome.BootFailed), boots.Count(b => b.Outcome == SoakOutcome.CheckFailed),
            ssh.Count == 0 ? null : ssh[0], median, ssh.Count == 0 ? null : ssh[^1]);
    }

    public int Failures => BootFailures + CheckFailures;

    public int ExitCode => BootFailures > 0 ? (int)BootTests.ExitCode.BootFailed : CheckFailures > 0 ? (int)BootTests.ExitCode.CheckFailed : 0;

    public string Describe()
    {
        var spread = Min is null ? "no boot reached SSH" : $"boot-to-ssh min {Min:F1} s, median {Median:F1} s, max {Max:F1} s";
        return $"soak: {Boots} boots, {Failures} failed ({BootFailures} boot, {CheckFailures} check); {spread}";
    }
}
