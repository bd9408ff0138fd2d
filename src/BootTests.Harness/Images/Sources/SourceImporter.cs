using System.Diagnostics;
using System.Text.Json;
using BootTests.Host;
using BootTests.Images.Payloads;

namespace BootTests.Images.Sources;

/// <summary>
/// Reads a recipe's own tree (tarball, folder, OCI image, disk) once into the cache, keyed by the source's content digest:
/// every member is checked, the tree is written as one sorted tar, and source.json records the source and its digest.
/// </summary>
public sealed class SourceImporter(CacheDirectory cache, IProgress<string>? progress = null)
{
    // Bump when the way a source is read changes, so old reads are not reused.
    private const string FormatVersion = "source-v1";

    public async Task<ImportedSource> ImportAsync(Recipe recipe, SourceOptions options, CancellationToken ct)
    {
        try
        {
            return await ImportCoreAsync(Create(recipe, options), options.NoCache, ct);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Source, e);
        }
    }

    /// <summary>Reads a folder on its own (a kernel's modules folder), cached by its tree's digest.</summary>
    public async Task<ImportedSource> ImportFolderAsync(string path, bool noCache, CancellationToken ct)
    {
        try
        {
            return await ImportCoreAsync(new DirectorySource(path, progress), noCache, ct);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Source, e);
        }
    }

    private IRootfsSource Create(Recipe recipe, SourceOptions options)
    {
        var spec = recipe.Rootfs;
        return spec.KindOf() switch
        {
            RootfsKind.Tar => new TarballSource(recipe.ResolvePath(spec.Path!), progress),
            RootfsKind.Dir => new DirectorySource(recipe.ResolvePath(spec.Path!), progress),
            RootfsKind.Oci => new OciSource(OciReference.Parse(spec.Image!, recipe.ResolvePath), progress),
            RootfsKind.Disk => new DiskSource(recipe.ResolvePath(spec.Path!), spec.Format, spec.Root, options.Guestfs ?? new GuestfsSettings(), options.Guestfs?.CacheFolder ?? cache.LibguestfsFolder, progress),
            var other => throw new InvalidOperationException($"{other} is not an imported kind."),
        };
    }

    private async Task<ImportedSource> ImportCoreAsync(IRootfsSource source, bool noCache, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await source.DigestAsync(ct) is { } digest)
        {
            var folder = FolderFor(source.Kind, digest);
            return await CacheEntry.GetOrBuildAsync(folder,
                _ => !noCache && TryLoad(folder) is { } cached ? Cached(source, cached, clock) : null,
                async temp => Imported(source, folder, await ReadIntoAsync(source, temp, digest, clock, ct), clock),
                progress, ct);
        }
        // A folder's digest is the digest of the tree read from it, so it is read first and published only if new; the
        // lock keeps `cache prune` off the temporary folder meanwhile.
        using var readingLock = await CacheLock.AcquireAsync(Path.Combine(cache.SourcesFolder, source.Kind.Name()), progress, ct);
        var temp = CacheDirectory.TemporarySibling(Path.Combine(cache.SourcesFolder, source.Kind.Name()));
        try
        {
            var info = await ReadIntoAsync(source, temp, null, clock, ct);
            var folder = FolderFor(source.Kind, info.Digest);
            using var entryLock = await CacheLock.AcquireAsync(folder, progress, ct);
            if (!noCache && TryLoad(folder) is { } same) return Cached(source, same, clock);
            CacheDirectory.Publish(temp, folder);
            return Imported(source, folder, info, clock);
        }
        finally
        {
            CacheDirectory.DeleteQuietly(temp);
        }
    }

    private ImportedSource Cached(IRootfsSource source, ImportedSource cached, Stopwatch clock)
    {
        progress?.Report($"source: cached {source.Input} ({cached.Info.Digest[..19]}…, checked in {clock.Elapsed.TotalSeconds:F1} s; {cached.Folder})");
        return cached;
    }

    private ImportedSource Imported(IRootfsSource source, string folder, SourceInfo info, Stopwatch clock)
    {
        progress?.Report($"source: read {source.Input}: {info.Entries} entries, {info.ContentBytes / 1048576.0:F0} MiB, {info.Digest[..19]}…, in {clock.Elapsed.TotalSeconds:F1} s");
        return new ImportedSource(folder, info, FromCache: false);
    }

    /// <summary>Reads the source into tree.tar and source.json in <paramref name="temp"/>; a null digest is the digest of that tar.</summary>
    private static async Task<SourceInfo> ReadIntoAsync(IRootfsSource source, string temp, string? digest, Stopwatch clock, CancellationToken ct)
    {
        Failpoint.Hit(Stage.Source);
        var work = Directory.CreateDirectory(Path.Combine(temp, "work")).FullName;
        var read = await source.ReadAsync(work, ct);
        var tarPath = Path.Combine(temp, "tree.tar");
        using (var output = new FileStream(tarPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            TreeTarWriter.Write(output, read.Tree.Entries, long.MaxValue);
        Directory.Delete(work, recursive: true);
        var info = new SourceInfo
        {
            Kind = source.Kind.Name(),
            Reference = source.Reference,
            Digest = digest ?? "sha256:" + await ContentHash.OfFileAsync(tarPath, ct),
            Entries = read.Tree.Entries.Count,
            ContentBytes = read.Tree.ContentBytes,
            NewestMtime = read.Tree.NewestMtime,
            FilesWithXattrs = read.Tree.FilesWithXattrs,
            XattrExamples = read.Tree.XattrExamples,
            Details = read.Details,
            ImportSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        await File.WriteAllTextAsync(Path.Combine(temp, "source.json"), JsonSerializer.Serialize(info, RecipeLoader.Json), ct);
        return info;
    }

    private string FolderFor(RootfsKind kind, string digest) =>
        Path.Combine(cache.SourcesFolder, $"{kind.Name()}-{ContentHash.OfParts(FormatVersion, digest)[..16]}");

    private static ImportedSource? TryLoad(string folder)
    {
        var infoPath = Path.Combine(folder, "source.json");
        if (!File.Exists(infoPath) || !File.Exists(Path.Combine(folder, "tree.tar"))) return null;
        try
        {
            var info = JsonSerializer.Deserialize<SourceInfo>(File.ReadAllText(infoPath), RecipeLoader.Json);
            return info is null ? null : new ImportedSource(folder, info, FromCache: true);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
