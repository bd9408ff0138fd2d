using BootTests.Images.Cpio;

namespace BootTests.Images;

/// <summary>Symbolic and hard links inside a tree, followed as a chroot would: absolute targets start at the tree's root, never the host's.</summary>
public static class TreeLinks
{
    /// <summary>The real path a path leads to through the tree's symbolic links; null when some part does not exist (or links loop).</summary>
    public static string? Resolve(Func<string, CpioEntry?> lookup, string path, bool followLast = true)
    {
        var pending = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        for (var hops = 0; pending.Count > 0;)
        {
            var part = pending.Dequeue();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = string.Join('/', resolved.Append(part));
            if (lookup(candidate) is not { } entry) return null;
            if (entry.Type == CpioEntryType.SymbolicLink && (pending.Count > 0 || followLast))
            {
                if (++hops > 40) return null;
                var target = entry.LinkTarget ?? "";
                var rest = pending.ToArray();
                pending = new Queue<string>(target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                if (target.StartsWith('/')) resolved.Clear();
                continue;
            }
            resolved.Add(part);
        }
        return string.Join('/', resolved);
    }

    /// <summary>The content of a regular file entry (a hard link's from its target), at most <paramref name="max"/> bytes; null for anything else.</summary>
    public static byte[]? ReadBytes(Func<string, CpioEntry?> lookup, CpioEntry? entry, long max)
    {
        if (entry is not { Type: CpioEntryType.RegularFile }) return null;
        if (entry.HardLinkTo is { } target) entry = lookup(target);
        if (entry?.Content is not { } content) return entry is null ? null : [];
        if (content.Length > max) return null;
        using var memory = new MemoryStream((int)content.Length);
        content.CopyTo(memory);
        return memory.ToArray();
    }
}
