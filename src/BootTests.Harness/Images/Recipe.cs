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

    /// <summary>
    /// Which kernel boots the tree: null or "tree" (the tree's /boot/vmlinuz-*), "default" (the default recipe's kernel, its
    /// modules brought into the tree), or the path of a vmlinuz file (relative to the recipe file).
    /// </summary>
    public string? Kernel { get; init; }

    /// <summary>With a kernel file: the folder holding its modules (a /lib/modules/VERSION tree); null takes the tree's own.</summary>
    public string? KernelModulesDir { get; init; }

    /// <summary>The timestamp files are clamped to; null takes $SOURCE_DATE_EPOCH, else one derived from the inputs.</summary>
    public long? SourceDateEpoch { get; init; }

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

    /// <summary>A path the recipe names, made absolute: relative paths are taken from the recipe file's folder (the working folder for embedded recipes).</summary>
    public string ResolvePath(string path)
    {
        if (System.IO.Path.IsPathRooted(path)) return System.IO.Path.GetFullPath(path);
        var folder = Source.StartsWith("embedded:", StringComparison.Ordinal) || Source.Length == 0
            ? Environment.CurrentDirectory
            : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Source))!;
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, path));
    }
}

/// <summary>Where the tree comes from: mmdebstrap makes a Debian one (the default), or an existing tree is read in.</summary>
public sealed record RootfsSpec
{
    /// <summary>mmdebstrap (the default), tar, dir, oci or disk.</summary>
    public string Kind { get; init; } = "mmdebstrap";

    public string Suite { get; init; } = "bookworm";
    public string Variant { get; init; } = "minbase";
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>mmdebstrap's own hook folders (under /usr/share/mmdebstrap/hooks) to run, e.g. merged-usr; empty for none.</summary>
    public IReadOnlyList<string> Hooks { get; init; } = [];

    /// <summary>dpkg path-exclude globs (absolute, e.g. /usr/share/doc/*): files no package installs into the tree.</summary>
    public IReadOnlyList<string> PathExclude { get; init; } = [];

    /// <summary>dpkg path-include globs, applied after the excludes (e.g. /usr/share/doc/*/copyright keeps the licences).</summary>
    public IReadOnlyList<string> PathInclude { get; init; } = [];

    /// <summary>A mirror URL; null uses the host's apt sources.</summary>
    public string? Mirror { get; init; }

    /// <summary>tar, dir and disk: the tarball, folder or disk image (relative to the recipe file).</summary>
    public string? Path { get; init; }

    /// <summary>oci: oci:LAYOUT[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF] or docker://REFERENCE.</summary>
    public string? Image { get; init; }

    /// <summary>disk: qcow2, raw or vmdk; null asks qemu-img.</summary>
    public string? Format { get; init; }

    /// <summary>disk: the root filesystem (e.g. /dev/sda2, /dev/vg0/root) when libguestfs's inspection cannot find it; null inspects.</summary>
    public string? Root { get; init; }
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
