using System.Formats.Tar;
using BootTests.Images.Cpio;
using Microsoft.Win32.SafeHandles;

namespace BootTests.Images.Payloads;

/// <summary>
/// Writes tree entries as a GNU tar stream (what BusyBox tar unpacks). File data is read straight from the rootfs tar
/// through read-only range views over one handle per source file, so nothing is copied through memory per entry.
/// </summary>
public static class TreeTarWriter
{
    public static void Write(Stream output, IEnumerable<CpioEntry> entries, long clampUnixSeconds)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        var handles = new Dictionary<string, SafeFileHandle>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in entries) WriteEntry(writer, entry, clampUnixSeconds, handles);
        }
        finally
        {
            foreach (var handle in handles.Values) handle.Dispose();
        }
    }

    private static void WriteEntry(TarWriter writer, CpioEntry entry, long clampUnixSeconds, Dictionary<string, SafeFileHandle> handles)
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
            data = OpenData(content, handles);
            tar.DataStream = data;
        }
        writer.WriteEntry(tar);
        data?.Dispose();
    }

    private static Stream OpenData(CpioContent content, Dictionary<string, SafeFileHandle> handles)
    {
        switch (content)
        {
            case FileRangeContent range:
                if (!handles.TryGetValue(range.FilePath, out var handle))
                {
                    handle = File.OpenHandle(range.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
                    handles.Add(range.FilePath, handle);
                }
                return new FileRangeStream(handle, range.Offset, range.Length, $"'{range.FilePath}'");
            case BytesContent bytes:
                return new MemoryStream(bytes.Bytes, writable: false);
            default:
                var copy = new MemoryStream(checked((int)content.Length));
                content.CopyTo(copy);
                copy.Position = 0;
                return copy;
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
