namespace BootTests.Images.Sources;

/// <summary>What source.json beside a read tree records: the source, its digest, and what reading it found.</summary>
public sealed record SourceInfo
{
    /// <summary>tar, dir, oci or disk.</summary>
    public required string Kind { get; init; }

    /// <summary>The source as read: an absolute path, or the image reference with its path made absolute.</summary>
    public required string Reference { get; init; }

    /// <summary>"sha256:…" of the source's content: the file for tarballs, archives and disks, the manifest for OCI images, the tree for folders.</summary>
    public required string Digest { get; init; }

    public required int Entries { get; init; }
    public required long ContentBytes { get; init; }

    /// <summary>The newest modification time in the tree: the default timestamp of what the fix-ups add.</summary>
    public required long NewestMtime { get; init; }

    /// <summary>Files that carry extended attributes (capabilities, ACLs), which a cpio or BusyBox tar cannot take into the initramfs.</summary>
    public int FilesWithXattrs { get; init; }

    public IReadOnlyList<string> XattrExamples { get; init; } = [];

    /// <summary>What the kind tells about the source: an OCI image's architecture and entrypoint, a disk's format and root.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public required double ImportSeconds { get; init; }
}

/// <summary>A source read into the cache: tree.tar (every member checked, paths normalised, sorted) and source.json.</summary>
public sealed record ImportedSource(string Folder, SourceInfo Info, bool FromCache)
{
    public string TarPath => Path.Combine(Folder, "tree.tar");
}
