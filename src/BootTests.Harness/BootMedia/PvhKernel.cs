using BootTests.Images;

namespace BootTests.BootMedia;

/// <summary>The vmlinux inside a bzImage, for QEMU's PVH boot; decompressed once per kernel (by content) into the cache's boot-media/.</summary>
public sealed class PvhKernel(CacheDirectory cache, IProgress<string>? progress = null)
{
    public const string FileName = "vmlinux";

    /// <summary>The vmlinux's path, or null with the reason when this kernel cannot be entered through PVH.</summary>
    public async Task<(string? Path, string? Problem)> ExtractAsync(string bzImagePath, CancellationToken ct = default)
    {
        var (image, problem) = BzImage.Read(bzImagePath);
        if (image is null) return (null, problem);
        if (!BzImage.Supported.Contains(image.Compression))
            return (null, $"it is compressed with {image.Compression} (the harness undoes {string.Join(", ", BzImage.Supported)})");

        var key = await ContentHash.OfFileAsync(bzImagePath, ct);
        var folder = Path.Combine(cache.BootMediaFolder, $"pvh-{key[..16]}");
        var vmlinux = Path.Combine(folder, FileName);
        var noEntry = Path.Combine(folder, "no-pvh-entry");
        var outcome = await CacheEntry.GetOrBuildAsync(folder, _ => Published(vmlinux, noEntry), async temp =>
        {
            var path = Path.Combine(temp, FileName);
            await image.DecompressAsync(path, ct);
            // A kernel without the entry is remembered too, so it is not decompressed on every boot.
            if (PvhEntry.Problem(path) is not { } missing) return new Outcome(vmlinux, null);
            File.Delete(path);
            await File.WriteAllTextAsync(Path.Combine(temp, "no-pvh-entry"), missing, ct);
            return new Outcome(null, missing);
        }, progress, ct);
        return (outcome.Path, outcome.Problem);
    }

    private sealed record Outcome(string? Path, string? Problem);

    private static Outcome? Published(string vmlinux, string noEntry) =>
        File.Exists(vmlinux) ? new Outcome(vmlinux, null)
        : File.Exists(noEntry) ? new Outcome(null, File.ReadAllText(noEntry))
        : null;
}
