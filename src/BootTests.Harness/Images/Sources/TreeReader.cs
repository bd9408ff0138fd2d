using System.Formats.Tar;
using BootTests.Images.Cpio;

namespace BootTests.Images.Sources;

/// <summary>
/// Assembles a root tree from tars (one tarball, or an image's layers in order), trusting nothing in them: a member that
/// is absolute, climbs out with '..', goes through a symbolic link or a file, or hard-links to something not in the tree
/// before it is refused, naming it; later members replace earlier ones, as when the tars are unpacked one after the other.
/// Errors are usage errors (exit 3) naming the input.
/// </summary>
public sealed class TreeReader(string input)
{
    private readonly MutableTree tree = new();
    private readonly List<string> xattrExamples = [];
    private int filesWithXattrs;

    /// <summary>Paths left out of the tree (e.g. a disk's lost+found), after normalising.</summary>
    public Func<string, bool>? Drop { get; init; }

    /// <summary>Extended attributes not worth a warning (e.g. XFS's second copy of the ACLs).</summary>
    public Func<string, bool>? IgnoredXattr { get; init; }

    /// <summary>The tree so far (the OCI merge removes whiteouts from it between layers).</summary>
    public MutableTree Tree => tree;

    /// <summary>Reads one uncompressed tar; <paramref name="skip"/> leaves members out (an OCI layer's whiteout markers).</summary>
    public void Add(string tarPath, Func<string, bool>? skip = null)
    {
        var fullPath = Path.GetFullPath(tarPath);
        string? last = null;
        try
        {
            foreach (var (tar, path) in Members(fullPath))
            {
                if (path.Length == 0 || (Drop?.Invoke(path) ?? false) || (skip?.Invoke(path) ?? false)) continue;
                last = path;
                CheckParents(path);
                tree.Put(ToEntry(tar, path, fullPath));
                var xattrs = Xattrs(tar).Where(n => !IsAcl(n) && !(IgnoredXattr?.Invoke(n) ?? false)).ToList();
                if (xattrs.Count == 0) continue;
                filesWithXattrs++;
                if (xattrExamples.Count < 3) xattrExamples.Add($"{path} ({string.Join(", ", xattrs)})");
            }
        }
        catch (InvalidDataException e) when (e.Message.Contains("extended header", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(input, $"has extended header records this reader cannot take{After(last)} (GNU tar --acls writes such records; POSIX ACLs travel as xattrs with --xattrs alone)", "make it again without --acls, or give the tree as a dir source", e);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException or ArgumentException or OverflowException)
        {
            throw Bad(input, $"cannot be read as a tar archive{After(last)}: {e.Message}", "check that it is a whole tarball (tar -tvf lists it without errors)", e);
        }
    }

    /// <summary>The member names of a tar, normalised (and checked) as tree paths.</summary>
    public IEnumerable<string> PathsIn(string tarPath) => Members(Path.GetFullPath(tarPath)).Select(m => m.Path);

    /// <summary>The tree, with the parents a tar leaves implicit; refuses an empty one.</summary>
    public TreeReading Finish()
    {
        if (tree.Count == 0) throw Bad(input, "holds no files", "give the whole root tree (for a tarball: tar -C ROOT -cf rootfs.tar .)");
        foreach (var entry in tree.Entries())
        {
            var parts = entry.Path.Split('/');
            for (var depth = 1; depth < parts.Length; depth++)
            {
                var parent = string.Join('/', parts[..depth]);
                if (!tree.Contains(parent)) tree.Put(new CpioEntry(parent, CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, entry.ModifiedUnixSeconds));
            }
        }
        return new TreeReading(tree.Entries(), filesWithXattrs, xattrExamples);
    }

    /// <summary>Reads one tarball as the whole tree.</summary>
    public static TreeReading Read(string tarPath, string input, Func<string, bool>? drop = null, Func<string, bool>? ignoredXattr = null)
    {
        var reader = new TreeReader(input) { Drop = drop, IgnoredXattr = ignoredXattr };
        reader.Add(tarPath);
        return reader.Finish();
    }

    /// <summary>The tree-relative form of a member name; refuses absolute names and '..'.</summary>
    public static string PathOf(string name, string input, string what)
    {
        if (name.StartsWith('/'))
            throw Bad(input, $"has the {what} '{name}', an absolute path", "make the tarball with paths relative to the root (tar -C ROOT -cf rootfs.tar .)");
        if (name.Contains('\0'))
            throw Bad(input, $"has a {what} with a NUL character", "make the tarball again");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
            throw Bad(input, $"has the {what} '{name}', which escapes the tree through '..'", "make the tarball from inside the root (tar -C ROOT -cf rootfs.tar .)");
        return string.Join('/', parts);
    }

    /// <summary>A usage error naming the input, what is wrong and what to do.</summary>
    public static BootTestsException Bad(string input, string problem, string fix, Exception? inner = null) =>
        BootTestsException.Usage(Stage.Source, $"The {input} {PrintableText.Of(problem)}; {fix}.", inner);

    private IEnumerable<(TarEntry Tar, string Path)> Members(string fullPath)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: false) is { } tar)
        {
            if (tar.EntryType == TarEntryType.GlobalExtendedAttributes) continue;
            yield return (tar, PathOf(tar.Name, input, "member"));
        }
    }

    private void CheckParents(string path)
    {
        var parts = path.Split('/');
        for (var depth = 1; depth < parts.Length; depth++)
        {
            var parent = string.Join('/', parts[..depth]);
            if (tree.Get(parent) is not { } existing || existing.Type == CpioEntryType.Directory) continue;
            throw existing.Type == CpioEntryType.SymbolicLink
                ? Bad(input, $"has the member '{path}', which goes through the symbolic link '{parent}' -> '{existing.LinkTarget}' and could land outside the tree", "make it with the real paths (tar -C ROOT -cf rootfs.tar .)")
                : Bad(input, $"has the member '{path}' inside '{parent}', which is not a directory", "make it again from the tree");
        }
    }

    private CpioEntry ToEntry(TarEntry tar, string path, string tarPath)
    {
        var type = tar.EntryType switch
        {
            TarEntryType.V7RegularFile or TarEntryType.RegularFile or TarEntryType.ContiguousFile or TarEntryType.HardLink => CpioEntryType.RegularFile,
            TarEntryType.Directory => CpioEntryType.Directory,
            TarEntryType.SymbolicLink => CpioEntryType.SymbolicLink,
            TarEntryType.CharacterDevice => CpioEntryType.CharacterDevice,
            TarEntryType.BlockDevice => CpioEntryType.BlockDevice,
            TarEntryType.Fifo => CpioEntryType.Fifo,
            _ => throw Bad(input, $"has the member '{path}' of type {tar.EntryType}, which a RAM root cannot hold", "make it without sparse or multi-volume members"),
        };
        var entry = new CpioEntry(path, type, (int)tar.Mode & Convert.ToInt32("7777", 8), tar.Uid, tar.Gid, tar.ModificationTime.ToUnixTimeSeconds());
        switch (tar.EntryType)
        {
            case TarEntryType.HardLink:
                var target = PathOf(tar.LinkName, input, "hard link target");
                if (tree.Get(target) is not { Type: CpioEntryType.RegularFile })
                    throw Bad(input, $"has the hard link '{path}' -> '{tar.LinkName}', whose target is not a file earlier in the tree", "make it again from the tree");
                return entry with { HardLinkTo = target };
            case TarEntryType.SymbolicLink:
                if (tar.LinkName.Length == 0) throw Bad(input, $"has the symbolic link '{path}' with an empty target", "make it again from the tree");
                return entry with { LinkTarget = tar.LinkName };
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice when tar is PosixTarEntry device:
                return entry with { DeviceMajor = device.DeviceMajor, DeviceMinor = device.DeviceMinor };
            default:
                return type == CpioEntryType.RegularFile && tar.Length > 0
                    ? entry with { Content = new FileRangeContent(tarPath, tar.DataOffset, tar.Length) }
                    : entry;
        }
    }

    private static IEnumerable<string> Xattrs(TarEntry tar) =>
        tar is PaxTarEntry pax
            ? pax.ExtendedAttributes.Keys.Where(k => k.StartsWith("SCHILY.xattr.", StringComparison.Ordinal)).Select(k => k["SCHILY.xattr.".Length..])
            : [];

    // POSIX ACLs (a journal folder's, typically) are dropped too, but a RAM root loses nothing it needs to boot with them.
    private static bool IsAcl(string name) => name.StartsWith("system.posix_acl_", StringComparison.Ordinal);

    private static string After(string? last) => last is null ? "" : $" (after '{last}')";
}
