using System.Formats.Tar;
using System.Text;

namespace BootTests.Tests.TestKit;

/// <summary>Small hand-made tars for the source and layer tests: files, folders, links and whatever hostile names a test needs.</summary>
internal sealed class SmallTar
{
    private readonly List<Action<TarWriter>> entries = [];
    private readonly TarEntryFormat format;

    public SmallTar(TarEntryFormat format = TarEntryFormat.Gnu) => this.format = format;

    public SmallTar File(string name, string text = "x\n", string mode = "644", int uid = 0, int gid = 0) => Add(w =>
    {
        var entry = Entry(TarEntryType.RegularFile, name, mode, uid, gid);
        var bytes = Encoding.UTF8.GetBytes(text);
        entry.DataStream = bytes.Length == 0 ? null : new MemoryStream(bytes);
        w.WriteEntry(entry);
    });

    /// <summary>A file of <paramref name="bytes"/> seeded random bytes (so compressed tars are not tiny).</summary>
    public SmallTar RandomFile(string name, int bytes, int seed) => Add(w =>
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        var entry = Entry(TarEntryType.RegularFile, name, "644", 0, 0);
        entry.DataStream = new MemoryStream(data);
        w.WriteEntry(entry);
    });

    public SmallTar Dir(string name, string mode = "755") => Add(w => w.WriteEntry(Entry(TarEntryType.Directory, name.TrimEnd('/') + "/", mode, 0, 0)));

    public SmallTar Symlink(string name, string target) => Add(w =>
    {
        var entry = Entry(TarEntryType.SymbolicLink, name, "777", 0, 0);
        entry.LinkName = target;
        w.WriteEntry(entry);
    });

    public SmallTar HardLink(string name, string target) => Add(w =>
    {
        var entry = Entry(TarEntryType.HardLink, name, "644", 0, 0);
        entry.LinkName = target;
        w.WriteEntry(entry);
    });

    public SmallTar CharDevice(string name, int major, int minor) => Add(w =>
    {
        var entry = Entry(TarEntryType.CharacterDevice, name, "666", 0, 0);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        w.WriteEntry(entry);
    });

    /// <summary>A minimal tree a RAM root could come from: /etc, a merged /usr with /sbin/init → systemd.</summary>
    public static SmallTar MergedUsr() => new SmallTar()
        .Dir("etc").File("etc/hostname", "debian\n").File("etc/fstab", "UUID=1 / ext4 defaults 0 1\n")
        .Dir("usr").Dir("usr/bin").Dir("usr/sbin").Dir("usr/lib").Dir("usr/lib/systemd")
        .File("usr/lib/systemd/systemd", "\u007fELF", "755")
        .Symlink("usr/sbin/init", "../lib/systemd/systemd")
        .Symlink("bin", "usr/bin").Symlink("sbin", "usr/sbin").Symlink("lib", "usr/lib");

    public string WriteTo(string path)
    {
        using var output = System.IO.File.Create(path);
        using var writer = new TarWriter(output, format, leaveOpen: true);
        foreach (var write in entries) write(writer);
        return path;
    }

    private SmallTar Add(Action<TarWriter> write)
    {
        entries.Add(write);
        return this;
    }

    private PosixTarEntry Entry(TarEntryType type, string name, string mode, int uid, int gid)
    {
        PosixTarEntry entry = format == TarEntryFormat.Pax ? new PaxTarEntry(type, name) : format == TarEntryFormat.Ustar ? new UstarTarEntry(type, name) : new GnuTarEntry(type, name);
        entry.Mode = (UnixFileMode)Convert.ToInt32(mode, 8);
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        return entry;
    }
}
