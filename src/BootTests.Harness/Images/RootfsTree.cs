using BootTests.Images.Cpio;

namespace BootTests.Images;

/// <summary>The entries of a rootfs (read from its tar without unpacking it), with the recipe's overlay on top.</summary>
public sealed class RootfsTree
{
    private const long PageSize = 4096;

    public RootfsTree(IReadOnlyList<CpioEntry> entries)
    {
        Entries = entries;
        ByPath = entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
    }

    public IReadOnlyList<CpioEntry> Entries { get; }

    private Dictionary<string, CpioEntry> ByPath { get; }

    public static RootfsTree ReadTar(string tarPath) => new(TarToCpio.ReadEntries(tarPath));

    /// <summary>Bytes of file content (each hard-linked file once).</summary>
    public long ContentBytes => Entries.Where(e => e.Type == CpioEntryType.RegularFile && e.HardLinkTo is null).Sum(e => e.Content?.Length ?? 0);

    /// <summary>What the tree takes in a tmpfs: file content rounded up to pages, plus a page per directory and link.</summary>
    public long TmpfsFootprintBytes => Entries.Sum(e => e.Type switch
    {
        CpioEntryType.RegularFile when e.HardLinkTo is null => ((e.Content?.Length ?? 0) + PageSize - 1) / PageSize * PageSize,
        CpioEntryType.Directory or CpioEntryType.SymbolicLink => PageSize,
        _ => 0,
    });

    /// <summary>The tree with overlay files added or replacing entries; missing parent directories are created 0755.</summary>
    public RootfsTree WithOverlay(IReadOnlyList<OverlayFile> overlay, long modifiedUnixSeconds)
    {
        if (overlay.Count == 0) return this;
        var entries = new Dictionary<string, CpioEntry>(ByPath, StringComparer.Ordinal);
        foreach (var file in overlay)
        {
            var path = TreePath.Normalize(file.Path)
                ?? throw BootTestsException.Usage("recipe", $"Overlay path '{file.Path}' is outside the tree.");
            if (Resolve(path, followLast: false) is { } real && real != path)
                throw BootTestsException.Usage("recipe", $"Overlay path '{file.Path}' goes through a symbolic link (to '{real}'); write the real path instead.");
            var parts = path.Split('/');
            for (var i = 1; i < parts.Length; i++)
            {
                var parent = string.Join('/', parts[..i]);
                if (entries.TryGetValue(parent, out var existing) && existing.Type != CpioEntryType.Directory)
                    throw BootTestsException.Usage("recipe", $"Overlay path '{file.Path}' needs '{parent}' to be a directory, but the tree has a {existing.Type} there.");
                entries.TryAdd(parent, new CpioEntry(parent, CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, modifiedUnixSeconds));
            }
            var mode = Convert.ToInt32(file.Mode, 8);
            entries[path] = file.Symlink is { } target
                ? new CpioEntry(path, CpioEntryType.SymbolicLink, Convert.ToInt32("777", 8), 0, 0, modifiedUnixSeconds) { LinkTarget = target }
                : new CpioEntry(path, CpioEntryType.RegularFile, mode, 0, 0, modifiedUnixSeconds)
                {
                    Content = new BytesContent(System.Text.Encoding.UTF8.GetBytes(file.Content ?? "")),
                };
        }
        return new RootfsTree(entries.Values.ToList());
    }

    /// <summary>Follows symbolic links inside the tree (absolute ones relative to its root); null when the path does not exist.</summary>
    public string? Resolve(string path, bool followLast = true)
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
            if (!ByPath.TryGetValue(candidate, out var entry)) return null;
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

    /// <summary>Whether the path resolves to an executable regular file.</summary>
    public bool IsExecutableFile(string path) =>
        Resolve(path) is { } real && ByPath.TryGetValue(real, out var entry)
        && entry.Type == CpioEntryType.RegularFile && (entry.Permissions & Convert.ToInt32("111", 8)) != 0;
}
