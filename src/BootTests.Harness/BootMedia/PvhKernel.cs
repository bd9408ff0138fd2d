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
        if (Published(vmlinux, noEntry) is { } known) return known;

        using var entryLock = await CacheLock.AcquireAsync(folder, progress, ct);
        if (Published(vmlinux, noEntry) is { } built) return built;
        var temp = CacheDirectory.TemporarySibling(folder);
        try
        {
            var path = Path.Combine(temp, FileName);
            await image.DecompressAsync(path, ct);
            // A kernel without the entry is remembered too, so it is not decompressed on every boot.
            if (PvhEntry.Problem(path) is { } missing)
            {
                File.Delete(path);
                await File.WriteAllTextAsync(Path.Combine(temp, "no-pvh-entry"), missing, ct);
            }
            CacheDirectory.Publish(temp, folder);
        }
        catch
        {
            CacheDirectory.DeleteQuietly(temp);
            throw;
        }
        return Published(vmlinux, noEntry) ?? (null, "the decompressed kernel went missing from the cache");
    }

    private static (string? Path, string? Problem)? Published(string vmlinux, string noEntry) =>
        File.Exists(vmlinux) ? (vmlinux, null)
        : File.Exists(noEntry) ? (null, File.ReadAllText(noEntry))
        : null;
}
