namespace BootTests.Images.Sources;

/// <summary>A tarball, plain or gzip/xz/zstd-compressed (told by its first bytes): e.g. `docker export` output or a distribution's root.tar.xz.</summary>
internal sealed class TarballSource(string path, IProgress<string>? progress) : IRootfsSource
{
    public RootfsKind Kind => RootfsKind.Tar;
    public string Input => $"tarball '{path}'";
    public string Reference => path;

    public async Task<string?> DigestAsync(CancellationToken ct) => "sha256:" + await ContentHash.OfFileAsync(path, ct);

    public async Task<SourceRead> ReadAsync(string work, CancellationToken ct)
    {
        var compression = Decompressor.Sniff(path);
        var tar = path;
        if (compression != Compression.None)
        {
            progress?.Report($"source: unpacking {Input} ({compression.Name()}, {new FileInfo(path).Length / 1048576.0:F0} MiB) with {compression.Name()}");
            tar = Path.Combine(work, "raw.tar");
            await Decompressor.DecompressAsync(path, compression, tar, Input, ct);
        }
        if (TarHeaderCheck.Problem(tar) is { } problem)
            throw TreeReader.Bad(Input, $"is not a whole tar archive: {problem}", "check it with `tar -tvf` and make it again");
        progress?.Report($"source: reading {Input}");
        return new SourceRead(TreeReader.Read(tar, Input), new Dictionary<string, string> { ["compression"] = compression.Name() });
    }
}
