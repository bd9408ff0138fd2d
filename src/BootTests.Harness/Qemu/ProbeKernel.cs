using BootTests.Images;

namespace BootTests.Qemu;

/// <summary>A Linux kernel already on this host to prove KVM with when no boot names one (doctor): a cached image's or rootfs's, else /boot's.</summary>
public static class ProbeKernel
{
    /// <summary>The newest such kernel, or null when the host has none yet (build an image first).</summary>
    public static string? Find(CacheDirectory cache)
    {
        IEnumerable<string> In(string folder) =>
            Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(d => Path.Combine(d, "vmlinuz")).Where(File.Exists) : [];
        var cached = In(cache.ImagesFolder).Concat(In(cache.RootfsFolder)).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        return cached ?? (Directory.Exists("/boot") ? Directory.GetFiles("/boot", "vmlinuz-*").Where(Readable).Order(StringComparer.Ordinal).LastOrDefault() : null);
    }

    private static bool Readable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
