using System.Text;

namespace BootTests.Images.Cpio;

/// <summary>Validates entries and turns them into newc records: sorted parents first, numbered inodes, hard-link groups resolved.</summary>
internal static class NewcArchivePlan
{
    private const uint DirectoryLinkCount = 2;

    public static IReadOnlyList<NewcRecord> Create(IEnumerable<CpioEntry> entries, CpioWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ClampModifiedUnixSeconds is < 0)
        {
            throw new ArgumentException(
                $"Clamp time {options.ClampModifiedUnixSeconds} is negative.", nameof(options));
        }

        var sorted = NormalizeAndSort(entries);
        var indexByPath = new Dictionary<string, int>(sorted.Count, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (!indexByPath.TryAdd(sorted[i].Path, i))
            {
                throw new ArgumentException(
                    $"Archive path '{sorted[i].Entry.Path}' occurs more than once (as '{sorted[i].Path}').", nameof(entries));
            }
        }

        var groupRoot = ResolveHardLinkGroups(sorted, indexByPath);
        var groupSize = new Dictionary<int, uint>();
        foreach (var root in groupRoot)
        {
            groupSize[root] = groupSize.GetValueOrDefault(root) + 1;
        }

        var records = new List<NewcRecord>(sorted.Count);
        var inodeOfGroup = new Dictionary<int, uint>();
        uint nextInode = 1;
        for (var i = 0; i < sorted.Count; i++)
        {
            (var path, var entry) = sorted[i];
            Validate(path, entry);
            var root = groupRoot[i];
            var linkCount = groupSize[root];
            uint inode;
            CpioContent? data;
            if (inodeOfGroup.TryGetValue(root, out var groupInode))
            {
                // Later members of a hard-link group carry no data: unpackers link them to the first one.
                inode = groupInode;
                data = null;
            }
            else
            {
                inode = nextInode++;
                inodeOfGroup.Add(root, inode);
                data = DataOf(sorted[root].Entry);
            }

            records.Add(new NewcRecord(
                path,
                inode,
                ModeOf(entry),
                (uint)entry.Uid,
                (uint)entry.Gid,
                entry.Type == CpioEntryType.Directory ? DirectoryLinkCount : linkCount,
                ModifiedTimeOf(entry, options),
                data,
                (uint)entry.DeviceMajor,
                (uint)entry.DeviceMinor));
        }

        return records;
    }

    private static List<(string Path, CpioEntry Entry)> NormalizeAndSort(IEnumerable<CpioEntry> entries)
    {
        var normalized = new List<(string Path, CpioEntry Entry)>();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            var path = CpioPath.Normalize(entry.Path);
            if (path != CpioPath.Root)
            {
                normalized.Add((path, entry));
            }
        }

        normalized.Sort((left, right) => CpioPath.Compare(left.Path, right.Path));
        return normalized;
    }

    /// <summary>For each entry, the index of the entry holding its group's data: itself unless it is a hard link.</summary>
    private static int[] ResolveHardLinkGroups(
        List<(string Path, CpioEntry Entry)> sorted, Dictionary<string, int> indexByPath)
    {
        var root = new int[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            var current = i;
            for (var hops = 0; sorted[current].Entry.HardLinkTo is { } target; hops++)
            {
                var targetPath = CpioPath.Normalize(target);
                if (!indexByPath.TryGetValue(targetPath, out var next))
                {
                    throw new ArgumentException(
                        $"Hard link '{sorted[current].Entry.Path}' points to '{target}', which is not in the archive.");
                }

                if (hops > sorted.Count)
                {
                    throw new ArgumentException($"Hard link '{sorted[i].Entry.Path}' is part of a cycle of hard links.");
                }

                current = next;
            }

            if (current != i && (sorted[current].Entry.Type != CpioEntryType.RegularFile
                || sorted[i].Entry.Type != CpioEntryType.RegularFile))
            {
                throw new ArgumentException(
                    $"Hard link '{sorted[i].Entry.Path}' ({sorted[i].Entry.Type}) resolves to '{sorted[current].Entry.Path}' ({sorted[current].Entry.Type}); both must be regular files.");
            }

            root[i] = current;
        }

        return root;
    }

    private static void Validate(string path, CpioEntry entry)
    {
        if ((entry.Permissions & ~NewcMode.PermissionBits) != 0)
        {
            throw new ArgumentException(
                $"Permissions {Convert.ToString(entry.Permissions, 8)} (octal) of '{entry.Path}' have bits outside 07777.");
        }

        if (entry.Uid < 0 || entry.Gid < 0)
        {
            throw new ArgumentException($"Owner {entry.Uid}:{entry.Gid} of '{entry.Path}' is negative.");
        }

        if (entry.DeviceMajor < 0 || entry.DeviceMinor < 0)
        {
            throw new ArgumentException(
                $"Device number {entry.DeviceMajor},{entry.DeviceMinor} of '{entry.Path}' is negative.");
        }

        if (entry.Type != CpioEntryType.RegularFile && entry.Content is not null)
        {
            throw new ArgumentException($"'{entry.Path}' is a {entry.Type} but has content; only regular files do.");
        }

        if (entry.HardLinkTo is not null && entry.Content is not null)
        {
            throw new ArgumentException(
                $"Hard link '{entry.Path}' has content of its own; it shares the content of '{entry.HardLinkTo}'.");
        }

        if (entry.Type == CpioEntryType.SymbolicLink)
        {
            if (string.IsNullOrEmpty(entry.LinkTarget) || entry.LinkTarget.Contains('\0'))
            {
                throw new ArgumentException($"Symbolic link '{entry.Path}' has target '{entry.LinkTarget}'; it needs a non-empty target without NUL.");
            }
        }
        else if (entry.LinkTarget is not null)
        {
            throw new ArgumentException($"'{entry.Path}' is a {entry.Type} but has link target '{entry.LinkTarget}'.");
        }

        if (entry.Content is { Length: > uint.MaxValue } big)
        {
            throw new ArgumentException($"'{path}' is {big.Length} bytes; newc stores at most {uint.MaxValue}.");
        }
    }

    private static CpioContent? DataOf(CpioEntry entry) => entry.Type switch
    {
        CpioEntryType.RegularFile => entry.Content,
        CpioEntryType.SymbolicLink => new BytesContent(Encoding.UTF8.GetBytes(entry.LinkTarget!)),
        _ => null,
    };

    private static uint ModeOf(CpioEntry entry)
    {
        // Symlink permissions are meaningless on Linux; 0777 is what the kernel reports for every symlink.
        var permissions = entry.Type == CpioEntryType.SymbolicLink ? 0b111_111_111 : entry.Permissions;
        return NewcMode.TypeBits(entry.Type) | (uint)permissions;
    }

    private static uint ModifiedTimeOf(CpioEntry entry, CpioWriteOptions options)
    {
        var seconds = entry.ModifiedUnixSeconds;
        if (options.ClampModifiedUnixSeconds is { } clamp && seconds > clamp)
        {
            seconds = clamp;
        }

        return seconds is >= 0 and <= uint.MaxValue
            ? (uint)seconds
            : throw new ArgumentException(
                $"Modification time {entry.ModifiedUnixSeconds} of '{entry.Path}' is outside the newc range 0..{uint.MaxValue}.");
    }
}
