using BootTests.Images.Cpio;

namespace BootTests.Images.Payloads;

/// <summary>Splits a tree into a skeleton (directories, links, devices, empty files) and parts of file data of about equal size.</summary>
public sealed record FastPartition(IReadOnlyList<CpioEntry> Skeleton, IReadOnlyList<IReadOnlyList<CpioEntry>> Parts)
{
    public static FastPartition Of(IReadOnlyList<CpioEntry> entries, long partBytes)
    {
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var skeleton = new List<CpioEntry>();
        var parts = new List<List<CpioEntry>>();
        var partOfFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var links = new List<CpioEntry>();
        List<CpioEntry>? current = null;
        long currentBytes = 0;

        foreach (var entry in sorted)
        {
            if (entry.Type != CpioEntryType.RegularFile)
            {
                skeleton.Add(entry);
                continue;
            }
            if (entry.HardLinkTo is not null)
            {
                links.Add(entry);
                continue;
            }
            if (current is null || currentBytes >= partBytes)
            {
                current = [];
                parts.Add(current);
                currentBytes = 0;
            }
            current.Add(entry);
            currentBytes += entry.Content?.Length ?? 0;
            partOfFile[entry.Path] = parts.Count - 1;
        }
        // A hard link must be unpacked after its target by the same tar, or the link has nothing to point at.
        foreach (var link in links)
        {
            if (!partOfFile.TryGetValue(link.HardLinkTo!, out var index))
                throw BootTestsException.Usage(Stage.Image, $"Hard link '{link.Path}' points to '{link.HardLinkTo}', which is not a file in the tree.");
            parts[index].Add(link);
        }
        return new FastPartition(skeleton, parts);
    }
}
