using System.Formats.Tar;

namespace BootTests.Images.Cpio;

/// <summary>Reads the entries of a tar archive (GNU, pax, ustar or v7, e.g. from mmdebstrap) as cpio entries whose file content stays in the tar on disk.</summary>
public static class TarToCpio
{
    /// <summary>Lists the tar's entries with <paramref name="pathPrefix"/> prepended to every path; the tar's root entry and the prefix directories are not returned.</summary>
    public static IReadOnlyList<CpioEntry> ReadEntries(string tarPath, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(tarPath);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var prefix = NormalizePrefix(pathPrefix);

        // Content ranges are reopened later, possibly from another working directory.
        var fullTarPath = Path.GetFullPath(tarPath);
        using var stream = new FileStream(fullTarPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        using var reader = new TarReader(stream);
        var entries = new List<CpioEntry>();
        while (reader.GetNextEntry(copyData: false) is { } tarEntry)
        {
            if (tarEntry.EntryType == TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            var relative = CpioPath.Normalize(tarEntry.Name);
            if (relative == CpioPath.Root)
            {
                continue;
            }

            entries.Add(ToCpioEntry(tarEntry, prefix + relative, prefix, fullTarPath));
        }

        return entries;
    }

    private static CpioEntry ToCpioEntry(TarEntry tarEntry, string path, string prefix, string tarPath)
    {
        var type = tarEntry.EntryType switch
        {
            TarEntryType.V7RegularFile or TarEntryType.RegularFile or TarEntryType.ContiguousFile or TarEntryType.HardLink
                => CpioEntryType.RegularFile,
            TarEntryType.Directory => CpioEntryType.Directory,
            TarEntryType.SymbolicLink => CpioEntryType.SymbolicLink,
            TarEntryType.CharacterDevice => CpioEntryType.CharacterDevice,
            TarEntryType.BlockDevice => CpioEntryType.BlockDevice,
            TarEntryType.Fifo => CpioEntryType.Fifo,
            _ => throw new NotSupportedException(
                $"Tar entry '{tarEntry.Name}' in '{tarPath}' has type {tarEntry.EntryType}, which has no cpio equivalent here."),
        };

        var entry = new CpioEntry(
            path,
            type,
            (int)tarEntry.Mode & NewcMode.PermissionBits,
            tarEntry.Uid,
            tarEntry.Gid,
            tarEntry.ModificationTime.ToUnixTimeSeconds());

        return tarEntry.EntryType switch
        {
            TarEntryType.HardLink => entry with { HardLinkTo = prefix + CpioPath.Normalize(tarEntry.LinkName) },
            TarEntryType.SymbolicLink => entry with { LinkTarget = tarEntry.LinkName },
            TarEntryType.CharacterDevice or TarEntryType.BlockDevice when tarEntry is PosixTarEntry device
                => entry with { DeviceMajor = device.DeviceMajor, DeviceMinor = device.DeviceMinor },
            _ when type == CpioEntryType.RegularFile && tarEntry.Length > 0
                => entry with { Content = new FileRangeContent(tarPath, tarEntry.DataOffset, tarEntry.Length) },
            _ => entry,
        };
    }

    private static string NormalizePrefix(string pathPrefix)
    {
        if (pathPrefix.Length == 0)
        {
            return "";
        }

        var normalized = CpioPath.Normalize(pathPrefix);
        return normalized == CpioPath.Root ? "" : normalized + "/";
    }
}
