namespace BootTests.BootMedia;

/// <summary>What the machine boots from: QEMU's own loader, a GRUB CD image, or the NIC's iPXE ROM (whose server the session starts).</summary>
public sealed record BootMedium(BootVia Via, string? CdPath = null)
{
    public static BootMedium Direct { get; } = new(BootVia.Direct);
}
