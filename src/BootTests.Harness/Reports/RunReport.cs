using System.Text.Json.Serialization;
using BootTests.Checks;

namespace BootTests.Reports;

/// <summary>Everything one boot-test run found out, in the shape written to report.json (field names are a contract).</summary>
/// <param name="Accelerator">The accelerator actually used, e.g. <c>kvm</c> or <c>tcg</c>.</param>
/// <param name="QemuVersion">QEMU's version as it reported it.</param>
/// <param name="KernelVersion">The guest kernel's release.</param>
/// <param name="BootVia">How the kernel got its root, e.g. <c>initramfs</c>.</param>
/// <param name="Milestones">Boot milestones in the order seen.</param>
/// <param name="Checks">Check results in the order run.</param>
/// <param name="Warnings">Console lines classified as warnings or errors.</param>
/// <param name="Failure">Why the run stopped early, or null when it got through.</param>
/// <param name="Artifacts">Files the run left behind (console log, QEMU command line…), by name.</param>
/// <param name="HostKeyPinned">Whether the guest's host key was checked against a pin.</param>
/// <param name="HostKeyFingerprint">The guest's host key as seen (<c>SHA256:…</c>), or null when SSH was never reached.</param>
/// <param name="Attempts">Each start of QEMU: one, or two when a boot under KVM stalled and the run fell back to TCG.</param>
public sealed record RunReport(
    string Accelerator,
    string QemuVersion,
    string KernelVersion,
    string BootVia,
    IReadOnlyList<ReportMilestone> Milestones,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<string> Warnings,
    ReportFailure? Failure,
    IReadOnlyDictionary<string, string> Artifacts,
    bool HostKeyPinned,
    string? HostKeyFingerprint,
    IReadOnlyList<ReportAttempt>? Attempts = null)
{
    public const string Pass = "pass";
    public const string Fail = "fail";

    /// <summary>The shape of report.json: 2 added schemaVersion, timestamp, target and each check's seconds (1 had none of them).</summary>
    public const int CurrentSchemaVersion = 2;

    [JsonPropertyOrder(-3)]
    public int SchemaVersion => CurrentSchemaVersion;

    /// <summary>When the run started (UTC).</summary>
    [JsonPropertyOrder(-2)]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>What was booted: recipe/layout for a built image, verify/KERNEL for an image made elsewhere.</summary>
    [JsonPropertyOrder(-2)]
    public string Target { get; init; } = "";

    /// <summary>Seconds from the start of the run to this report.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>
    /// <c>pass</c> only when the boot did not fail, no check failed, and the RAM-root core (root a tmpfs, no block
    /// device behind it, fstab empty, SELinux off), where run, applied and passed; a check that cannot apply is never a pass.
    /// </summary>
    [JsonPropertyOrder(-1)]
    public string Verdict => Failure is null && Checks.Any(c => c.Passed) && Checks.All(c => c.Status != CheckStatus.Fail)
        && Checks.Where(c => RamRootChecks.Core.Contains(c.Name)).All(c => c.Passed) ? Pass : Fail;
}
