namespace BootTests.Qemu;

/// <summary>Whether a tiny KVM guest made progress on this host, why (not), and how long finding out took.</summary>
public sealed record KvmProbeResult(bool Works, string Reason, double Seconds);
