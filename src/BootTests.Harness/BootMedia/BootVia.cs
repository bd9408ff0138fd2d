namespace BootTests.BootMedia;

/// <summary>How the kernel and initramfs reach the guest: QEMU loads them, GRUB reads them from a CD (BIOS or UEFI), or iPXE fetches them over HTTP.</summary>
public enum BootVia
{
    Direct,
    Grub,
    GrubUefi,
    Ipxe,
}

/// <summary>The names a user types for <see cref="BootVia"/> and the report shows.</summary>
public static class BootViaNames
{
    public static IReadOnlyList<string> All { get; } = ["direct", "grub", "grub-uefi", "ipxe"];

    public static string Name(this BootVia via) => via == BootVia.GrubUefi ? "grub-uefi" : via.ToString().ToLowerInvariant();

    /// <summary>True for both GRUB paths: they boot the same CD image, under SeaBIOS or OVMF.</summary>
    public static bool IsGrub(this BootVia via) => via is BootVia.Grub or BootVia.GrubUefi;

    /// <summary>What a boot path needs on the host besides QEMU: nothing for direct boots.</summary>
    public static IReadOnlyList<Host.Prerequisite> Needs(this BootVia via) => via switch
    {
        BootVia.Grub => [Host.Prerequisites.GrubMkrescue, Host.Prerequisites.GrubBios, Host.Prerequisites.GrubEfi, Host.Prerequisites.Xorriso, Host.Prerequisites.Mtools],
        BootVia.GrubUefi => [Host.Prerequisites.GrubMkrescue, Host.Prerequisites.GrubBios, Host.Prerequisites.GrubEfi, Host.Prerequisites.Xorriso, Host.Prerequisites.Mtools, Host.Prerequisites.Ovmf],
        BootVia.Ipxe => [Host.Prerequisites.IpxeRom],
        _ => [],
    };

    /// <summary>The value for a name, or null for a name that is not one of <see cref="All"/>.</summary>
    public static BootVia? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "direct" => BootVia.Direct,
        "grub" => BootVia.Grub,
        "grub-uefi" => BootVia.GrubUefi,
        "ipxe" => BootVia.Ipxe,
        _ => null,
    };
}
