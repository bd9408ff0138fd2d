namespace BootTests.Images;

/// <summary>What an image is made of: the distribution tree, what is changed in it, and how it boots.</summary>
public sealed record Recipe
{
    /// <summary>The least guest memory a systemd guest boots in: recipes, --memory and the benchmark's bisection all stop here.</summary>
    public const int MinimumMemoryMiB = 128;

    /// <summary>Short name used in reports and cache folders.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required RootfsSpec Rootfs { get; init; }

    /// <summary>Kernel modules kept in the tree with their dependencies; ["*"] keeps every module.</summary>
    public required IReadOnlyList<string> KernelModules { get; init; }

    public NetworkSpec Network { get; init; } = new();

    /// <summary>The userspace init the tree starts: systemd (default), sysvinit, openrc or busybox; the rootfs hook sets it up (getty, network, SSH server).</summary>
    public string Init { get; init; } = "systemd";

    /// <summary>The SSH server: openssh (default) or dropbear.</summary>
    public string SshServer { get; init; } = "openssh";

    /// <summary>root's password, to log in by password as well as by key (test images); null keeps root's password locked.</summary>
    public string? RootPassword { get; init; }

    /// <summary>The recipe's init as a value (validated before use).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public InitSystem InitSystem => InitSystems.TryParse(Init) ?? InitSystem.Unknown;

    public string Hostname { get; init; } = "boottests";

    /// <summary>The tmpfs the rootfs is unpacked into: a size such as 1500m, or "auto" (rootfs plus headroom).</summary>
    public string TmpfsSize { get; init; } = "auto";

    /// <summary>Guest memory for QEMU's -m.</summary>
    public string Memory { get; init; } = "2G";

    /// <summary>Files put over the tree when the image is packed (after the rootfs is cached).</summary>
    public IReadOnlyList<OverlayFile> Overlay { get; init; } = [];

    /// <summary>Where the recipe was read from: a file path, or "embedded:NAME".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source { get; init; } = "";

    public bool KeepsAllModules => KernelModules.Count == 1 && KernelModules[0] == "*";
}

/// <summary>The Debian tree mmdebstrap makes.</summary>
public sealed record RootfsSpec
{
    public string Suite { get; init; } = "bookworm";
    public string Variant { get; init; } = "minbase";
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>A mirror URL; null uses the host's apt sources.</summary>
    public string? Mirror { get; init; }
}

/// <summary>The guest's network configuration.</summary>
public sealed record NetworkSpec
{
    /// <summary>Interface name globs systemd-networkd runs DHCP on; empty for none.</summary>
    public string DhcpInterfaces { get; init; } = "en* eth*";
}

/// <summary>One file of a recipe's overlay: text content or a symbolic link, at a path inside the tree.</summary>
public sealed record OverlayFile
{
    public required string Path { get; init; }
    public string? Content { get; init; }
    public string? Symlink { get; init; }

    /// <summary>Octal permissions, e.g. "0644".</summary>
    public string Mode { get; init; } = "0644";
}
