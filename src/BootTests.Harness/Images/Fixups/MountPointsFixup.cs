using BootTests.Images.Cpio;

namespace BootTests.Images.Fixups;

/// <summary>
/// The folders /init moves its mounts onto: /dev (where it mounted devtmpfs, which systemd needs; a tmpfs filled by mdev
/// makes it wait 90 s for dev-ttyS0.device), /proc and /sys, plus /run and /tmp for systemd. Container images often lack some.
/// </summary>
public sealed class MountPointsFixup : ITreeFixup
{
    private static readonly (string Path, int Mode)[] Folders = [("dev", 0b111_101_101), ("proc", 0b101_101_101), ("sys", 0b101_101_101), ("run", 0b111_101_101), ("tmp", 0b1_111_111_111)];

    public string Name => "devtmpfs";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var made = new List<string>();
        foreach (var (path, mode) in Folders)
        {
            var entry = edit.Tree.Get(path);
            if (entry is { Type: CpioEntryType.Directory }) continue;
            if (entry is not null) edit.Tree.Remove(path);
            edit.EnsureDirectory(path, mode);
            made.Add("/" + path);
        }
        return made.Count == 0
            ? FixupOutcome.Already(Name, "/dev, /proc, /sys, /run and /tmp are folders; /init mounts devtmpfs on /dev")
            : FixupOutcome.Did(Name, $"made {string.Join(", ", made)} for /init's devtmpfs, proc and sysfs mounts");
    }
}
