namespace BootTests.Images.Sources;

/// <summary>Where a recipe's tree comes from.</summary>
public enum RootfsKind
{
    /// <summary>A Debian tree made by mmdebstrap (the default).</summary>
    Mmdebstrap,

    /// <summary>A tarball (.tar, .tar.gz, .tar.xz, .tar.zst), e.g. what `docker export` writes.</summary>
    Tar,

    /// <summary>A directory tree on the host.</summary>
    Dir,

    /// <summary>An OCI image: a layout folder, an oci-archive or docker-archive tarball, or a registry reference.</summary>
    Oci,

    /// <summary>A VM disk image (qcow2, raw, vmdk) read with libguestfs.</summary>
    Disk,
}

/// <summary>Kind names as recipes write them, and what reading each kind needs on the host.</summary>
public static class RootfsKinds
{
    public static IReadOnlyList<string> Names { get; } = ["mmdebstrap", "tar", "dir", "oci", "disk"];

    public static RootfsKind? TryParse(string text) => text switch
    {
        "mmdebstrap" => RootfsKind.Mmdebstrap,
        "tar" => RootfsKind.Tar,
        "dir" => RootfsKind.Dir,
        "oci" => RootfsKind.Oci,
        "disk" => RootfsKind.Disk,
        _ => null,
    };

    public static RootfsKind KindOf(this RootfsSpec spec) =>
        TryParse(spec.Kind) ?? throw BootTestsException.Usage(Stage.Recipe, $"'rootfs.kind' is '{spec.Kind}'; expected one of {string.Join(", ", Names)}.");

    public static string Name(this RootfsKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>True for the kinds that are read in rather than made: their fix-ups happen when the image is packed.</summary>
    public static bool IsImported(this RootfsKind kind) => kind != RootfsKind.Mmdebstrap;

    /// <summary>What reading a tree of this kind needs on the host.</summary>
    public static IReadOnlyList<Host.Prerequisite> Needs(this RootfsKind kind) => kind switch
    {
        RootfsKind.Mmdebstrap => [Host.Prerequisites.Mmdebstrap],
        RootfsKind.Tar => [Host.Prerequisites.Gzip, Host.Prerequisites.Xz, Host.Prerequisites.Zstd, Host.Prerequisites.Depmod],
        RootfsKind.Dir => [Host.Prerequisites.Tar, Host.Prerequisites.Depmod],
        RootfsKind.Oci => [Host.Prerequisites.Skopeo, Host.Prerequisites.Depmod],
        RootfsKind.Disk => [Host.Prerequisites.QemuImg, Host.Prerequisites.Guestfish, Host.Prerequisites.GuestfsXfs, Host.Prerequisites.GuestfsKernel, Host.Prerequisites.Depmod],
        _ => [],
    };
}
