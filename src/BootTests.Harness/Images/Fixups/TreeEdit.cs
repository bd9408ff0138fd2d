using BootTests.Images.Cpio;

namespace BootTests.Images.Fixups;

/// <summary>
/// Edits of a tree as a chroot would make them: paths go through the tree's own links (an absolute link target starts at
/// the tree's root), missing parents are made 0755, and each write says whether it changed anything.
/// </summary>
public sealed class TreeEdit(MutableTree tree, long mtime)
{
    private const int FileMode = 0b110_100_100; // 0644
    private const int DirectoryMode = 0b111_101_101; // 0755

    public MutableTree Tree => tree;
    public long Mtime => mtime;

    public string? ReadText(string path) => tree.ReadText(path);

    public CpioEntry? Find(string path) => tree.Find(path);

    public bool Exists(string path) => tree.Resolve(path) is not null;

    /// <summary>The path a new entry at <paramref name="path"/> lands on once its parent is resolved (made if missing).</summary>
    public string Place(string path)
    {
        var cut = path.LastIndexOf('/');
        if (cut < 0) return path;
        return EnsureDirectory(path[..cut]) + "/" + path[(cut + 1)..];
    }

    /// <summary>Makes the directory (and its parents) where missing; returns its real path.</summary>
    public string EnsureDirectory(string path, int mode = DirectoryMode)
    {
        var real = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = real.Length == 0 ? part : real + "/" + part;
            var resolved = tree.Resolve(candidate);
            if (resolved is null)
            {
                if (tree.Get(candidate) is { Type: CpioEntryType.SymbolicLink } dangling)
                    throw new InvalidOperationException($"'{candidate}' is a dangling link to '{dangling.LinkTarget}'.");
                tree.Put(new CpioEntry(candidate, CpioEntryType.Directory, mode, 0, 0, mtime));
                resolved = candidate;
            }
            real = resolved;
        }
        return real;
    }

    /// <summary>Writes a file (replacing what is there); false when it already had this content (and mode, when one is given: root owns it then).</summary>
    public bool WriteText(string path, string text, int? mode = null) => WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text), mode);

    public bool WriteBytes(string path, byte[] bytes, int? mode = null)
    {
        var existing = tree.Find(path);
        var isFile = existing is { Type: CpioEntryType.RegularFile };
        var sameMode = mode is null || (existing is not null && existing.Permissions == mode && existing.Uid == 0 && existing.Gid == 0);
        var unchanged = isFile && sameMode && tree.ReadBytes(path) is { } old && old.AsSpan().SequenceEqual(bytes);
        if (unchanged) return false;
        var target = isFile ? tree.Resolve(path)! : Place(path);
        var keep = isFile && mode is null ? existing : null;
        tree.Put(new CpioEntry(target, CpioEntryType.RegularFile, mode ?? keep?.Permissions ?? FileMode, keep?.Uid ?? 0, keep?.Gid ?? 0, mtime)
        {
            Content = new BytesContent(bytes),
        });
        return true;
    }

    /// <summary>Makes a symbolic link; false when it already pointed there.</summary>
    public bool Symlink(string path, string linkTarget)
    {
        var at = Place(path);
        if (tree.Get(at) is { Type: CpioEntryType.SymbolicLink } existing && existing.LinkTarget == linkTarget) return false;
        tree.Put(new CpioEntry(at, CpioEntryType.SymbolicLink, 0b111_111_111, 0, 0, mtime) { LinkTarget = linkTarget });
        return true;
    }

    /// <summary>Removes what the path names itself (a link, not what it points to); false when there was nothing.</summary>
    public bool Remove(string path)
    {
        var at = tree.Resolve(path, followLast: false);
        return at is not null && tree.Remove(at) is not null;
    }
}
