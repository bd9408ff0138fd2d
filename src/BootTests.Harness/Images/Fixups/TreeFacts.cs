using BootTests.Images.Cpio;

namespace BootTests.Images.Fixups;

/// <summary>What a tree is made of, as the fix-ups and the lint ask it: its init, systemd, sshd, udev.</summary>
public static class TreeFacts
{
    public static readonly string[] SystemdPaths = ["lib/systemd/systemd", "usr/lib/systemd/systemd"];
    public static readonly string[] SshdPaths = ["usr/sbin/sshd", "sbin/sshd"];
    public static readonly string[] DropbearPaths = ["usr/sbin/dropbear", "sbin/dropbear", "usr/bin/dropbear"];
    public static readonly string[] UdevdPaths = ["lib/systemd/systemd-udevd", "usr/lib/systemd/systemd-udevd", "sbin/udevd", "usr/sbin/udevd"];
    public static readonly string[] UnitFolders = ["etc/systemd/system", "lib/systemd/system", "usr/lib/systemd/system"];

    public static bool HasFile(MutableTree tree, IEnumerable<string> paths) => paths.Any(p => tree.Find(p) is { Type: CpioEntryType.RegularFile });

    public static bool HasSystemd(MutableTree tree) => HasFile(tree, SystemdPaths);

    public static bool HasSshd(MutableTree tree) => HasFile(tree, SshdPaths);

    /// <summary>The unit file of a systemd unit and the path systemctl would link to, or null when the tree has none.</summary>
    public static (string Real, string LinkTarget)? Unit(MutableTree tree, string name)
    {
        foreach (var folder in UnitFolders)
        {
            if (tree.Resolve($"{folder}/{name}") is { } real && tree.Get(real) is { Type: CpioEntryType.RegularFile })
                return (real, $"/{folder}/{name}");
        }
        return null;
    }
}
