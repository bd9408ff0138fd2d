namespace BootTests.Reports.Measurements;

/// <summary>One measured cold boot, as one line of the history file (milestones use the run report's field names).</summary>
/// <param name="Date">When the boot started (UTC).</param>
/// <param name="Layout">The initramfs layout, e.g. <c>seed</c> or <c>fast</c>.</param>
/// <param name="Recipe">The recipe name.</param>
/// <param name="Accelerator">The accelerator actually used: <c>kvm</c> or <c>tcg</c>; only boots with the same one are compared.</param>
/// <param name="QemuVersion">QEMU's version as it reported it.</param>
/// <param name="KernelVersion">The guest kernel's release.</param>
/// <param name="CpuModel">The host CPU's "model name" from /proc/cpuinfo.</param>
/// <param name="CpuCount">The host's logical CPU count.</param>
/// <param name="ImageSha256">The initramfs digest from the image manifest.</param>
/// <param name="Milestones">Milestones in the order seen; guestSeconds is the printk clock where the line had one.</param>
/// <param name="SystemdAnalyze">The raw first line of <c>systemd-analyze</c> in the guest, or its error.</param>
/// <param name="Host">The host class (null in lines written before it was recorded: see <see cref="HostClassOrGuess"/>).</param>
/// <param name="Label">What the user labelled the run with (--label), e.g. the commit; null when none.</param>
/// <param name="TmpfsWriteMBps">The guest's own write speed into its root tmpfs (dd of zeroes, MB/s) after the boot, where measured.</param>
/// <param name="HostLoad1">The host's 1-minute load average as the boot started (/proc/loadavg), where recorded.</param>
public sealed record BootRecord(
    DateTimeOffset Date,
    string Layout,
    string Recipe,
    string Accelerator,
    string QemuVersion,
    string KernelVersion,
    string CpuModel,
    int CpuCount,
    string ImageSha256,
    IReadOnlyList<ReportMilestone> Milestones,
    string? SystemdAnalyze,
    HostClass? Host = null,
    string? Label = null,
    double? TmpfsWriteMBps = null,
    double? HostLoad1 = null)
{
    /// <summary>The recorded host class, or for an older line the one its CPU, accelerator and QEMU fields give.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HostClass HostClassOrGuess => Host ?? HostClass.OfOldRecord(this);
}
