namespace BootTests.Qemu;

/// <summary>The accelerator to use and why, with the KVM verdict behind it; a TCG fallback's reason is meant to be shown loudly.</summary>
public sealed record AcceleratorDecision(Accelerator Accelerator, string Reason, bool FromCache, KvmVerdict? Verdict = null);
