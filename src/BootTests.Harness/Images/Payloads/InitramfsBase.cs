using System.Text;
using BootTests.Images.Cpio;

namespace BootTests.Images.Payloads;

/// <summary>The entries every initramfs layout starts with: /init, BusyBox and the directories /init mounts on.</summary>
public static class InitramfsBase
{
    /// <summary>Where Debian's busybox-static puts its binary.</summary>
    public const string BusyBoxPath = "/bin/busybox";

    private static readonly int DirMode = Convert.ToInt32("755", 8);
    private static readonly int ExecMode = Convert.ToInt32("755", 8);

    public static List<CpioEntry> Entries(string initScript, long mtime)
    {
        var entries = new List<CpioEntry>();
        foreach (var dir in new[] { "bin", "dev", "proc", "sys", "newroot" })
            entries.Add(new CpioEntry(dir, CpioEntryType.Directory, DirMode, 0, 0, mtime));
        // Without /dev/console the kernel starts /init with no stdout and every marker is lost.
        entries.Add(new CpioEntry("dev/console", CpioEntryType.CharacterDevice, Convert.ToInt32("600", 8), 0, 0, mtime) { DeviceMajor = 5, DeviceMinor = 1 });
        entries.Add(new CpioEntry("init", CpioEntryType.RegularFile, ExecMode, 0, 0, mtime) { Content = new BytesContent(Encoding.UTF8.GetBytes(initScript)) });
        var busybox = new FileInfo(BusyBoxPath);
        entries.Add(new CpioEntry("bin/busybox", CpioEntryType.RegularFile, ExecMode, 0, 0, mtime) { Content = new FileRangeContent(busybox.FullName, 0, busybox.Length) });
        return entries;
    }

    /// <summary>Fails unless /bin/busybox exists and is statically linked (the dynamic one cannot run in the initramfs).</summary>
    public static void RequireStaticBusyBox()
    {
        if (!File.Exists(BusyBoxPath))
            throw BootTestsException.Environment(Stage.Image, $"{BusyBoxPath} is missing. Install it with `apt-get install busybox-static` (or run `boottest doctor`).");
        var head = new byte[4096];
        using (var stream = File.OpenRead(BusyBoxPath)) stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (Encoding.ASCII.GetString(head).Contains("ld-linux", StringComparison.Ordinal))
            throw BootTestsException.Environment(Stage.Image, $"{BusyBoxPath} is dynamically linked and cannot run in an initramfs. Install Debian's static build: `apt-get install busybox-static`.");
    }
}
