using System.Formats.Tar;
using System.Text;

namespace BootTests.Tests.TestKit;

/// <summary>
/// Turns the cached default rootfs tar into the trees users bring: a stock-looking Debian install (the RAM-root fix-ups
/// undone: a real fstab, host keys baked in, an unlocked root password, no DHCP setup…) or a `docker export` of a
/// container (no kernel, no modules, /.dockerenv, names without "./"). Written with System.Formats.Tar, docs left out.
/// </summary>
internal static class DistroTree
{
    public const string RootUuid = "8b1f3c2e-5a0d-4e4a-9d3c-6f2a1b0c9e11";
    public const string Fixture = "opt/boottests-fixture";

    private static readonly string[] Dropped =
    [
        "usr/share/locale/", "usr/share/doc/", "usr/share/man/", "usr/share/info/",
        "etc/selinux/config", "etc/systemd/system/getty@.service.d", "etc/ssh/sshd_config.d/boottests.conf", "root/.ssh",
        "etc/systemd/network/20-boottests-dhcp.network", "etc/systemd/system/dbus-org.freedesktop.network1.service",
        "etc/systemd/system/multi-user.target.wants/systemd-networkd.service", "etc/systemd/system/sockets.target.wants/systemd-networkd.socket",
        "etc/systemd/system/sysinit.target.wants/systemd-network-generator.service",
        "etc/systemd/system/network-online.target.wants/systemd-networkd-wait-online.service",
    ];

    private static readonly string[] ContainerDropped = ["boot/", "usr/lib/modules/", "initrd.img", "initrd.img.old", "vmlinuz", "vmlinuz.old"];

    public static readonly IReadOnlyDictionary<string, string> Replaced = new Dictionary<string, string>
    {
        ["etc/fstab"] = $"# /etc/fstab: static file system information.\nUUID={RootUuid} / ext4 errors=remount-ro 0 1\n",
        ["etc/machine-id"] = "b08dfa6083e7567a1921a715000001fb\n",
        ["etc/hostname"] = "debian\n",
        ["etc/ssh/ssh_host_ed25519_key"] = "a host key baked into the tree by its installer\n",
        ["etc/ssh/ssh_host_ed25519_key.pub"] = "ssh-ed25519 AAAAbakedin installer\n",
    };

    /// <summary>Writes the tree; <paramref name="container"/> makes the docker-export form; <paramref name="withoutInit"/> leaves /usr/sbin/init out.</summary>
    public static void Write(string defaultRootfsTar, string destination, bool container, bool withoutInit = false)
    {
        using var input = File.OpenRead(defaultRootfsTar);
        using var reader = new TarReader(input);
        using var output = File.Create(destination);
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        var mtime = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            var path = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (container && path.Length == 0) continue;
            if (Dropped.Concat(container ? ContainerDropped : []).Any(d => path == d.TrimEnd('/') || path.StartsWith(d.TrimEnd('/') + "/", StringComparison.Ordinal))) continue;
            if (withoutInit && path == "usr/sbin/init") continue;
            var name = container ? path : entry.Name;
            if (Replaced.TryGetValue(path, out var text))
            {
                WriteFile(writer, name, text, entry.Mode, entry.ModificationTime);
                continue;
            }
            if (path == "etc/shadow")
            {
                WriteFile(writer, name, UnlockRoot(Read(entry)), entry.Mode, entry.ModificationTime, entry.Gid);
                continue;
            }
            var link = container && entry.EntryType == TarEntryType.HardLink && entry.LinkName.StartsWith("./", StringComparison.Ordinal) ? entry.LinkName[2..] : entry.LinkName;
            writer.WriteEntry(Copy(entry, name, link));
        }
        var prefix = container ? "" : "./";
        WriteDirectory(writer, prefix + Fixture, mtime);
        WriteFile(writer, $"{prefix}{Fixture}/to-delete", "removed by a whiteout in the OCI image's second layer\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mtime);
        WriteDirectory(writer, $"{prefix}{Fixture}/olddir", mtime);
        WriteFile(writer, $"{prefix}{Fixture}/olddir/one", "hidden by the opaque directory of the second layer\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mtime);
        WriteDirectory(writer, $"{prefix}{Fixture}/olddir/sub", mtime);
        WriteFile(writer, $"{prefix}{Fixture}/olddir/sub/two", "hidden too\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mtime);
        WriteFile(writer, $"{prefix}etc/ssh/ssh_host_rsa_key", "another baked-in host key\n", UnixFileMode.UserRead | UnixFileMode.UserWrite, mtime);
        if (container)
            WriteFile(writer, ".dockerenv", "", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, mtime);
        else
            WriteFile(writer, "./boot/initrd.img-6.1.0-57-amd64", new string('\0', 1 << 20), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mtime);
    }

    /// <summary>The second layer of the OCI test image: a changed file, a whiteout and an opaque directory (both kinds of OCI whiteout), as GNU tar makes layers.</summary>
    public static void WriteWhiteoutLayer(string destination)
    {
        using var output = File.Create(destination);
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var mtime = DateTimeOffset.FromUnixTimeSeconds(1_790_000_100);
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        WriteFile(writer, "etc/motd", "changed by the second layer\n", readable, mtime);
        WriteFile(writer, $"{Fixture}/.wh.to-delete", "", 0, mtime);
        WriteDirectory(writer, $"{Fixture}/olddir", mtime);
        WriteFile(writer, $"{Fixture}/olddir/.wh..wh..opq", "", 0, mtime);
        WriteFile(writer, $"{Fixture}/olddir/new", "the only file left in olddir\n", readable, mtime);
    }

    // System.Formats.Tar holds PAX values as strings, so binary xattrs (ACLs, capabilities) would be mangled on the way
    // through: they are left out, and one text xattr stands for them.
    private static PaxTarEntry Copy(TarEntry entry, string name, string link)
    {
        var attributes = name.EndsWith("usr/bin/bash", StringComparison.Ordinal) ? new Dictionary<string, string> { ["SCHILY.xattr.user.boottests"] = "kept-out-of-the-initramfs" } : [];
        var copy = new PaxTarEntry(entry.EntryType, name, attributes)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = entry.ModificationTime,
        };
        if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile) copy.DataStream = entry.DataStream;
        if (entry.EntryType is TarEntryType.HardLink or TarEntryType.SymbolicLink) copy.LinkName = link;
        if (entry is PosixTarEntry device && entry.EntryType is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            copy.DeviceMajor = device.DeviceMajor;
            copy.DeviceMinor = device.DeviceMinor;
        }
        return copy;
    }

    private static string Read(TarEntry entry)
    {
        using var memory = new MemoryStream();
        entry.DataStream!.CopyTo(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    // A stock install has a root password; the fix-up must lock it.
    private static string UnlockRoot(string shadow) => string.Join('\n', shadow.Split('\n').Select(l =>
        l.StartsWith("root:", StringComparison.Ordinal) ? "root:$y$j9T$boottests$notarealhashbutunlocked:19000:0:99999:7:::" : l));

    private static void WriteFile(TarWriter writer, string name, string text, UnixFileMode mode, DateTimeOffset mtime, int gid = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var entry = Entry(writer, TarEntryType.RegularFile, name);
        entry.Mode = mode;
        entry.Gid = gid;
        entry.ModificationTime = mtime;
        entry.DataStream = bytes.Length == 0 ? null : new MemoryStream(bytes);
        writer.WriteEntry(entry);
    }

    private static void WriteDirectory(TarWriter writer, string name, DateTimeOffset mtime)
    {
        var entry = Entry(writer, TarEntryType.Directory, name.TrimEnd('/') + "/");
        entry.Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        entry.ModificationTime = mtime;
        writer.WriteEntry(entry);
    }

    private static PosixTarEntry Entry(TarWriter writer, TarEntryType type, string name) =>
        writer.Format == TarEntryFormat.Gnu ? new GnuTarEntry(type, name) : new PaxTarEntry(type, name);
}
