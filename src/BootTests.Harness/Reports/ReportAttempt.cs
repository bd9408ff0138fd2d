namespace BootTests.Reports;

/// <summary>One start of QEMU within a run: the accelerator, how it ended (booted, stalled, failed), why, when, and its run files.</summary>
public sealed record ReportAttempt(string Accelerator, string Outcome, string? Reason, double HostSeconds, string RunFiles)
{
    public const string Booted = "booted";
    public const string Stalled = "stalled";
    public const string Failed = "failed";
}
