namespace BootTests.BootMedia;

/// <summary>How a direct boot enters the kernel: through the bzImage's own decompressor, or the vmlinux inside it through its PVH entry.</summary>
public enum KernelEntry
{
    /// <summary>PVH under TCG when the kernel has a PVH entry (the emulated decompressor costs seconds there), the bzImage otherwise.</summary>
    Auto,

    /// <summary>The bzImage as a boot loader hands it over (the real-mode setup, then its decompressor).</summary>
    BzImage,

    /// <summary>The vmlinux inside the bzImage, decompressed by the harness (cached by content), through its PVH entry point.</summary>
    Pvh,
}

/// <summary>The names a user types for <see cref="KernelEntry"/> and the report shows.</summary>
public static class KernelEntries
{
    public static IReadOnlyList<string> All { get; } = ["auto", "bzimage", "pvh"];

    public static string Name(this KernelEntry entry) => entry.ToString().ToLowerInvariant();

    /// <summary>The value for a name, or null for a name that is not one of <see cref="All"/>.</summary>
    public static KernelEntry? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "auto" => KernelEntry.Auto,
        "bzimage" => KernelEntry.BzImage,
        "pvh" => KernelEntry.Pvh,
        _ => null,
    };
}
