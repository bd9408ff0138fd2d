using System.Text.Json.Serialization;

namespace BootTests.Qemu;

/// <summary>
/// Whether a Linux kernel ran under KVM on this host, and the evidence: which kernel was booted, the last console line it
/// printed, how long it took, and what found out (the probe, or a real boot that stalled).
/// </summary>
public sealed record KvmVerdict(
    bool Works,
    string Reason,
    double Seconds,
    string? Kernel,
    string? KernelVersion,
    string? LastConsoleLine,
    string DecidedBy)
{
    /// <summary>The probe booted a kernel under KVM with a deadline.</summary>
    public const string ByProbe = "probe";

    /// <summary>A real boot under KVM showed no kernel output within its budget.</summary>
    public const string ByStalledBoot = "stalled boot";

    /// <summary>No kernel could be booted to find out (no /dev/kvm, or no kernel given).</summary>
    public const string ByHost = "host";

    /// <summary>The evidence as one sentence for doctor and warnings.</summary>
    [JsonIgnore]
    public string Evidence =>
        Kernel is null ? Reason
            : $"booted {Kernel}{(KernelVersion is null ? "" : $" (Linux {KernelVersion})")} under KVM; last console line: {(LastConsoleLine is null ? "(none)" : $"'{LastConsoleLine}'")}";
}
