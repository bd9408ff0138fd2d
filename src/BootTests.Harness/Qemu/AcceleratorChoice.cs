namespace BootTests.Qemu;

/// <summary>What the user asked for: probe and pick (Auto), or one accelerator regardless.</summary>
public enum AcceleratorChoice
{
    Auto,
    Kvm,
    Tcg,
}
