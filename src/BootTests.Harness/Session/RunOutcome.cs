using BootTests.Reports;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>How one run ended (BootSession.RunAsync): its report, the boot failure if there was one, and the exit code a command returns for it.</summary>
public sealed record RunOutcome(RunReport Report, BootFailedException? BootFailure)
{
    public bool Booted => BootFailure is null;

    /// <summary>2 when the boot failed, 0 when the verdict is pass, else 1.</summary>
    public ExitCode ExitCode => !Booted ? ExitCode.BootFailed : Report.Verdict == RunReport.Pass ? ExitCode.Success : ExitCode.CheckFailed;

    /// <summary>Seconds from QEMU's start to SSH answering, or null when it never did.</summary>
    public double? SshReadySeconds => Report.Milestones.FirstOrDefault(m => m.Name == Milestones.SshReady)?.HostSeconds;

    /// <summary>The failed checks, one "name: actual" each.</summary>
    public IReadOnlyList<string> FailedChecks =>
        Report.Checks.Where(c => c.Status == Checks.CheckStatus.Fail).Select(c => $"{c.Name}: {c.Actual}").ToList();
}
