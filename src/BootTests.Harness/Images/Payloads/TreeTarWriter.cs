using System.Formats.Tar;
using BootTests.Images.Cpio;

namespace BootTests.Images.Payloads;

/// <summary>Writes tree entries as a GNU tar stream (what BusyBox tar unpacks), file data copied from the rootfs tar by range.</summary>
public static class TreeTarWriter
{
    public static void Write(Stream output, IEnumerable<CpioEntry> entries, long clampUnixSeconds)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var entry in entries)
        {
            var tar = new GnuTarEntry(TypeOf(entry), entry.Type == CpioEntryType.Directory ? entry.Path + "/" : entry.Path)
            {
                Mode = (UnixFileMode)entry.Permissions,
                Uid = entry.Uid,
                Gid = entry.Gid,
                ModificationTime = DateTimeOffset.FromUnixTimeSeconds(Math.Min(entry.ModifiedUnixSeconds, clampUnixSeconds)),
            };
            if (entry.Type is CpioEntryType.CharacterDevice or CpioEntryType.BlockDevice)
            {
                tar.DeviceMajor = entry.DeviceMajor;
                tar.DeviceMinor = entry.DeviceMinor;
            }
            if (entry.HardLinkTo is { } linkTo) tar.LinkName = linkTo;
            else if (entry.LinkTarget is { } target) tar.LinkName = target;

            Stream? data = null;
            if (entry.Type == CpioEntryType.RegularFile && entry.HardLinkTo is null && entry.Content is { Length: > 0 } content)
            {
                data = new MemoryStream(checked((int)content.Length));
                content.CopyTo(data);
                data.Position = 0;
                tar.DataStream = data;
            }
            writer.WriteEntry(tar);
            data?.Dispose();
        }
    }

    private static TarEntryType TypeOf(CpioEntry entry) => entry.Type switch
    {
        CpioEntryType.Directory => TarEntryType.Directory,
        CpioEntryType.RegularFile when entry.HardLinkTo is not null => TarEntryType.HardLink,
        CpioEntryType.RegularFile => TarEntryType.RegularFile,
        CpioEntryType.SymbolicLink => TarEntryType.SymbolicLink,
        CpioEntryType.CharacterDevice => TarEntryType.CharacterDevice,
        CpioEntryType.BlockDevice => TarEntryType.BlockDevice,
        CpioEntryType.Fifo => TarEntryType.Fifo,
        _ => throw new NotSupportedException($"'{entry.Path}': {entry.Type} entries cannot be put in a tar."),
    };
}
