using System.Text;
using BootTests.Images.Cpio;

namespace BootTests.Tests.TestKit;

/// <summary>Hand-made tree entries for unit tests.</summary>
internal static class TreeEntries
{
    public const long Mtime = 1_700_000_000;

    public static CpioEntry Dir(string path) => new(path, CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, Mtime);

    public static CpioEntry File(string path, int bytes, string mode = "644") =>
        new(path, CpioEntryType.RegularFile, Convert.ToInt32(mode, 8), 0, 0, Mtime) { Content = new BytesContent(new byte[bytes]) };

    public static CpioEntry Text(string path, string text, string mode = "644") =>
        new(path, CpioEntryType.RegularFile, Convert.ToInt32(mode, 8), 0, 0, Mtime) { Content = new BytesContent(Encoding.UTF8.GetBytes(text)) };

    public static CpioEntry HardLink(string path, string target) =>
        new(path, CpioEntryType.RegularFile, Convert.ToInt32("644", 8), 0, 0, Mtime) { HardLinkTo = target };

    public static CpioEntry Symlink(string path, string target) =>
        new(path, CpioEntryType.SymbolicLink, Convert.ToInt32("777", 8), 0, 0, Mtime) { LinkTarget = target };

    public static CpioEntry CharDevice(string path, int major, int minor) =>
        new(path, CpioEntryType.CharacterDevice, Convert.ToInt32("666", 8), 0, 0, Mtime) { DeviceMajor = major, DeviceMinor = minor };

    /// <summary>A merged-/usr Debian layout: /sbin → usr/sbin, /lib → usr/lib, /usr/sbin/init → ../lib/systemd/systemd.</summary>
    public static List<CpioEntry> MergedUsr() =>
    [
        Dir("usr"), Dir("usr/sbin"), Dir("usr/lib"), Dir("usr/lib/systemd"), Dir("etc"), Dir("usr/bin"),
        Symlink("sbin", "usr/sbin"),
        Symlink("lib", "usr/lib"),
        Symlink("bin", "usr/bin"),
        File("usr/lib/systemd/systemd", 1000, "755"),
        Symlink("usr/sbin/init", "../lib/systemd/systemd"),
        File("etc/hostname", 10),
        Symlink("etc/alternatives", "/usr/lib"),
        Symlink("etc/loop-a", "loop-b"),
        Symlink("etc/loop-b", "loop-a"),
        Symlink("etc/dangling", "/nowhere"),
    ];
}
