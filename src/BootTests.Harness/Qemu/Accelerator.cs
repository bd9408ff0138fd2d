namespace BootTests.Qemu;

/// <summary>The accelerator a QEMU run uses: hardware virtualisation (KVM) or QEMU's own translator (TCG).</summary>
public enum Accelerator
{
    Kvm,
    Tcg,
}
