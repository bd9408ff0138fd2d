namespace BootTests.Images.Sources;

/// <summary>One kind of source: how it is named in messages, its digest, and how its tree is read.</summary>
internal interface IRootfsSource
{
    RootfsKind Kind { get; }

    /// <summary>The source for messages, e.g. "tarball '/srv/rootfs.tar.zst'".</summary>
    string Input { get; }

    /// <summary>The source as source.json records it.</summary>
    string Reference { get; }

    /// <summary>"sha256:…" known before reading (a file's, a manifest's), or null when only reading the tree tells (a folder).</summary>
    Task<string?> DigestAsync(CancellationToken ct);

    /// <summary>Reads the tree; its file content may stay in files under <paramref name="work"/> until the caller has written tree.tar.</summary>
    Task<SourceRead> ReadAsync(string work, CancellationToken ct);
}

/// <summary>A tree read from a source, with what the kind tells about it.</summary>
internal sealed record SourceRead(TreeReading Tree, IReadOnlyDictionary<string, string> Details);
