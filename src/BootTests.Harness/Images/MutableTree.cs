using BootTests.Images.Cpio;

namespace BootTests.Images;

/// <summary>
/// A tree being assembled or edited (tar entries in order, OCI layers, fix-ups): later entries replace earlier ones, a
/// directory replaced by a file loses its children, and hard links to a removed file keep its content.
/// </summary>
public sealed class MutableTree
{
    private readonly Dictionary<string, CpioEntry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> linkers = new(StringComparer.Ordinal);

    public MutableTree()
    {
    }

    public MutableTree(IEnumerable<CpioEntry> from)
    {
        foreach (var entry in from) Put(entry);
    }

    public int Count => entries.Count;

    public CpioEntry? Get(string path) => entries.GetValueOrDefault(path);

    public bool Contains(string path) => entries.ContainsKey(path);

    /// <summary>Follows symbolic links inside the tree, as <see cref="RootfsTree.Resolve"/> does.</summary>
    public string? Resolve(string path, bool followLast = true) => TreeLinks.Resolve(Get, path, followLast);

    /// <summary>The entry the path leads to through the tree's links.</summary>
    public CpioEntry? Find(string path) => Resolve(path) is { } real ? Get(real) : null;

    public byte[]? ReadBytes(string path, long max = 16 << 20) => TreeLinks.ReadBytes(Get, Find(path), max);

    public string? ReadText(string path) => ReadBytes(path) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The entries, parents before their children.</summary>
    public IReadOnlyList<CpioEntry> Entries() => entries.Values.OrderBy(e => e.Path, Comparer<string>.Create(CpioPath.Compare)).ToList();

    public RootfsTree ToTree() => new(Entries());

    /// <summary>Adds or replaces the entry at its path; a directory over a directory keeps the children.</summary>
    public void Put(CpioEntry entry)
    {
        if (entries.TryGetValue(entry.Path, out var existing))
        {
            if (!(existing.Type == CpioEntryType.Directory && entry.Type == CpioEntryType.Directory)) Remove(entry.Path);
            else ForgetLink(existing);
        }
        if (entry.HardLinkTo is { } target)
        {
            var root = entries.GetValueOrDefault(target)?.HardLinkTo ?? target;
            entry = entry with { HardLinkTo = root };
            if (!linkers.TryGetValue(root, out var list)) linkers[root] = list = [];
            list.Add(entry.Path);
        }
        entries[entry.Path] = entry;
    }

    /// <summary>Removes the entry and everything under it; null when there was nothing.</summary>
    public CpioEntry? Remove(string path)
    {
        if (!entries.TryGetValue(path, out var entry)) return null;
        if (entry.Type == CpioEntryType.Directory) RemoveChildren(path);
        RemoveOne(entry);
        return entry;
    }

    /// <summary>Removes everything under a directory, keeping the directory itself (an OCI opaque directory).</summary>
    public void RemoveChildren(string directory)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        foreach (var child in entries.Values.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (entries.ContainsKey(child.Path)) RemoveOne(child);
        }
    }

    /// <summary>The paths directly or indirectly under a directory.</summary>
    public IEnumerable<CpioEntry> Under(string directory)
    {
        var prefix = directory + "/";
        return entries.Values.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal));
    }

    private void RemoveOne(CpioEntry entry)
    {
        entries.Remove(entry.Path);
        ForgetLink(entry);
        if (!linkers.Remove(entry.Path, out var links) || links.Count == 0) return;
        // The first link takes over the content; the others now point at it.
        var heir = entries[links[0]] with { HardLinkTo = null, Content = entry.Content };
        entries[heir.Path] = heir;
        if (links.Count > 1)
        {
            linkers[heir.Path] = links[1..];
            foreach (var other in links[1..]) entries[other] = entries[other] with { HardLinkTo = heir.Path };
        }
    }

    private void ForgetLink(CpioEntry entry)
    {
        if (entry.HardLinkTo is { } target && linkers.TryGetValue(target, out var list)) list.Remove(entry.Path);
    }
}
