namespace BootTests.Images.Rootfs;

/// <summary>A cached, customised Debian tree: its tar, the kernel taken from its /boot, and the per-image SSH keys.</summary>
public sealed record RootfsArtifact(
    string Folder,
    string Key,
    string KernelVersion,
    string HostKeyFingerprint,
    long SourceDateEpoch,
    bool FromCache)
{
    public string TarPath => Path.Combine(Folder, "rootfs.tar");
    public string KernelPath => Path.Combine(Folder, "vmlinuz");
    public string ClientKeyPath => Path.Combine(Folder, "keys", "id_ed25519");
    public string HostPublicKeyPath => Path.Combine(Folder, "keys", "ssh_host_ed25519_key.pub");
}

/// <summary>What rootfs.json in a cached rootfs folder records.</summary>
internal sealed record RootfsInfo(string Key, string KernelVersion, string HostKeyFingerprint, long SourceDateEpoch, string Recipe);
