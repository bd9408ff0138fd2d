namespace BootTests.BootMedia;

/// <summary>How the kernel and initramfs reach the guest: QEMU loads them, GRUB reads them from a CD, or iPXE fetches them over HTTP.</summary>
public enum BootVia
{
    Direct,
    Grub,
    Ipxe,
}

/// <summary>The names a user types for <see cref="BootVia"/> and the report shows.</summary>
public static class BootViaNames
{
    public static IReadOnlyList<string> All { get; } = ["direct", "grub", "ipxe"];

    public static string Name(this BootVia via) => via.ToString().ToLowerInvariant();

    /// <summary>The value for a name, or null for a name that is not one of <see cref="All"/>.</summary>
    public static BootVia? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "direct" => BootVia.Direct,
        "grub" => BootVia.Grub,
        "ipxe" => BootVia.Ipxe,
        _ => null,
    };
}
