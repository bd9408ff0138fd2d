namespace BootTests.Reports;

/// <summary>One start of QEMU within a run: the accelerator, how it ended (booted, stalled, failed), why, when, and its run files.</summary>
public sealed record ReportAttempt(string Accelerator, string Outcome, string? Reason, double HostSeconds, string RunFiles)
{
    /// <summary>How QEMU entered the kernel: <c>bzimage</c>, or <c>pvh</c> (the vmlinux inside it); empty when QEMU did not load it (GRUB, iPXE).</summary>
    public string KernelEntry { get; init; } = "";

    /// <summary>The console prompts the harness answered instead of letting them time out (e.g. iPXE's Ctrl-B banner), in order.</summary>
    public IReadOnlyList<string> AnsweredPrompts { get; init; } = [];

    public const string Booted = "booted";
    public const string Stalled = "stalled";
    public const string Failed = "failed";
}
