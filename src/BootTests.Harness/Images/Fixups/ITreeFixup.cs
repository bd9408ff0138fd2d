namespace BootTests.Images.Fixups;

/// <summary>One of the classic RAM-root steps, applied to any tree and reporting whether it was needed.</summary>
public interface ITreeFixup
{
    /// <summary>Short name for reports, e.g. "fstab".</summary>
    string Name { get; }

    FixupOutcome Apply(TreeEdit edit, FixupContext context);
}

/// <summary>What the fix-ups put into a tree: the recipe's host name and network, and the image's SSH keys (OpenSSH formats).</summary>
public sealed record FixupContext(string Hostname, string DhcpInterfaces, byte[] HostPrivateKey, byte[] HostPublicKey, byte[] AuthorizedKeys)
{
    /// <summary>Modules the guest's NIC needs (QEMU's virtio-net-pci), loaded by systemd-modules-load when no udev would.</summary>
    public IReadOnlyList<string> NicModules { get; init; } = ["virtio_net", "virtio_pci"];

    /// <summary>The recipe gives root a password (set by the mmdebstrap hook): password login stays allowed and the password unlocked.</summary>
    public bool RootPasswordLogin { get; init; }
}
