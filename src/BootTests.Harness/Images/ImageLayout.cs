namespace BootTests.Images;

/// <summary>How the rootfs travels inside the initramfs and how /init unpacks it.</summary>
public enum ImageLayout
{
    /// <summary>The classic layout: init, bin/busybox and rootfs.tar.xz in a gzip -9 cpio; BusyBox xz | tar.</summary>
    Seed,

    /// <summary>A plain cpio of a directory skeleton plus zstd tar parts that /init unpacks on every CPU, freeing each as it goes.</summary>
    Fast,
}

/// <summary>Parses layout names as the command line writes them.</summary>
public static class ImageLayouts
{
    public static ImageLayout Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "seed" => ImageLayout.Seed,
        "fast" => ImageLayout.Fast,
        _ => throw BootTestsException.Usage(Stage.Layout, $"Unknown layout '{text}'. Use 'seed' (the classic procedure) or 'fast' (the default)."),
    };

    public static string Name(this ImageLayout layout) => layout.ToString().ToLowerInvariant();

    /// <summary>What packing an image of this layout needs on the host (the tree's own needs: <see cref="RecipeNeeds"/>).</summary>
    public static IReadOnlyList<Host.Prerequisite> Needs(this ImageLayout layout) =>
        layout == ImageLayout.Seed
            ? [Host.Prerequisites.BusyBox, Host.Prerequisites.Xz, Host.Prerequisites.SshKeygen]
            : [Host.Prerequisites.BusyBox, Host.Prerequisites.Zstd, Host.Prerequisites.SshKeygen];
}
