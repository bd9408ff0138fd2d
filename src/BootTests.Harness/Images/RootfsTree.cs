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

    /// <summary>
    /// The tree with overlay files added or replacing entries; missing parent directories are created 0755. An entry that
    /// would be written through a symbolic link of the tree (which could point anywhere) is refused, naming it.
    /// </summary>
    public RootfsTree WithOverlay(IReadOnlyList<OverlayFile> overlay, long modifiedUnixSeconds, string recipeSource = "")
    {
        if (overlay.Count == 0) return this;
        var entries = new Dictionary<string, CpioEntry>(ByPath, StringComparer.Ordinal);
        for (var i = 0; i < overlay.Count; i++)
        {
            var file = overlay[i];
            void Fail(string problem) =>
                throw BootTestsException.Usage(Stage.Recipe, $"Recipe {recipeSource}: 'overlay[{i}].path' is '{file.Path}', {problem}");
            var path = TreePath.Normalize(file.Path);
            if (path is null)
            {
                Fail("which is outside the tree; give a relative path without '..'.");
                return this;
            }
            var parts = path.Split('/');
            for (var depth = 1; depth <= parts.Length; depth++)
            {
                var prefix = string.Join('/', parts[..depth]);
                if (!entries.TryGetValue(prefix, out var existing)) continue;
                if (existing.Type == CpioEntryType.SymbolicLink && depth < parts.Length)
                    Fail($"which goes through the rootfs's symbolic link '{prefix}' -> '{existing.LinkTarget}'; write the path the link leads to{(Resolve(prefix) is { } real ? $" ('{real}/{string.Join('/', parts[depth..])}')" : "")} instead.");
                if (existing.Type != CpioEntryType.Directory && depth < parts.Length)
                    Fail($"which needs '{prefix}' to be a directory, but the rootfs has a {existing.Type} there.");
                if (existing.Type == CpioEntryType.Directory && depth == parts.Length)
                    Fail("which is a directory in the rootfs; name a file inside it.");
            }
            for (var depth = 1; depth < parts.Length; depth++)
            {
                var parent = string.Join('/', parts[..depth]);
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
    public string? Resolve(string path, bool followLast = true) => TreeLinks.Resolve(p => ByPath.GetValueOrDefault(p), path, followLast);

    /// <summary>The entry at exactly this path (no links followed).</summary>
    public CpioEntry? Get(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>The entry the path leads to through the tree's links.</summary>
    public CpioEntry? Find(string path) => Resolve(path) is { } real ? Get(real) : null;

    /// <summary>The bytes of the regular file the path leads to (hard links followed), at most <paramref name="max"/>; null when it is not one.</summary>
    public byte[]? ReadBytes(string path, long max = 16 << 20) => TreeLinks.ReadBytes(p => ByPath.GetValueOrDefault(p), Find(path), max);

    /// <summary>The text of the regular file the path leads to; null when there is none.</summary>
    public string? ReadText(string path) => ReadBytes(path) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Whether the path resolves to an executable regular file.</summary>
    public bool IsExecutableFile(string path) =>
        Resolve(path) is { } real && ByPath.TryGetValue(real, out var entry)
        && entry.Type == CpioEntryType.RegularFile && (entry.Permissions & Convert.ToInt32("111", 8)) != 0;
}
