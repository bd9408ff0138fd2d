using BootTests.Images.Kernels;
using BootTests.Images.Sources;

namespace BootTests.Images.Rootfs;

/// <summary>A cached tree ready to pack: its tar, the kernel that boots it, the per-image SSH keys, and where it came from.</summary>
public sealed record RootfsArtifact(
    string Folder,
    string Key,
    string KernelVersion,
    string HostKeyFingerprint,
    long SourceDateEpoch,
    bool FromCache)
{
    /// <summary>The tree: rootfs.tar in the folder for mmdebstrap, the source's tree.tar for an imported one.</summary>
    public string TarPath { get; init; } = Path.Combine(Folder, "rootfs.tar");

    public string KernelPath => Path.Combine(Folder, "vmlinuz");
    public string KeysFolder => Path.Combine(Folder, "keys");
    public string ClientKeyPath => Path.Combine(KeysFolder, "id_ed25519");
    public string HostPublicKeyPath => Path.Combine(KeysFolder, "ssh_host_ed25519_key.pub");
    public string HostPrivateKeyPath => Path.Combine(KeysFolder, "ssh_host_ed25519_key");
    public string AuthorizedKeysPath => Path.Combine(KeysFolder, "authorized_keys");

    public RootfsKind Kind { get; init; } = RootfsKind.Mmdebstrap;

    /// <summary>The read source of an imported tree; null for mmdebstrap.</summary>
    public ImportedSource? Source { get; init; }

    public KernelSource Kernel { get; init; } = new(KernelSource.FromTree, KernelVersion, $"the tree's /boot/vmlinuz-{KernelVersion}");

    /// <summary>Where <see cref="SourceDateEpoch"/> came from: the recipe, $SOURCE_DATE_EPOCH, the source tree, kept from an earlier build, or now.</summary>
    public string SourceDateEpochFrom { get; init; } = "";
}

/// <summary>What rootfs.json in a cached mmdebstrap rootfs folder records.</summary>
internal sealed record RootfsInfo(string Key, string KernelVersion, string HostKeyFingerprint, long SourceDateEpoch, string Recipe)
{
    public string SourceDateEpochFrom { get; init; } = "";
}
