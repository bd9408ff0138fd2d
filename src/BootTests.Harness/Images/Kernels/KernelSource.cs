namespace BootTests.Images.Kernels;

/// <summary>Which kernel boots a tree, and where the modules come from when the tree has none for it.</summary>
public sealed record KernelSource(string Origin, string? Version, string Description)
{
    public const string FromTree = "tree";
    public const string FromDefault = "default";
    public const string FromFile = "file";
    public const string None = "none";

    /// <summary>A tar holding modules to bring into the tree (the default rootfs's, or a read modules folder), and the folder of lib/modules/VERSION in it ("" for its root).</summary>
    public string? ModulesTar { get; init; }

    public string ModulesFolder { get; init; } = "";

    public string ModulesFrom { get; init; } = "";
}
