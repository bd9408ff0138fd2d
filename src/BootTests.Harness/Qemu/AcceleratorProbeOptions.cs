namespace BootTests.Qemu;

/// <summary>Settings of <see cref="AcceleratorProbe"/>.</summary>
public sealed record AcceleratorProbeOptions
{
    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>JSON file that remembers the probe's answer per host kernel, QEMU version and /dev/kvm presence; null for no cache.</summary>
    public string? CacheFile { get; init; } = DefaultCacheFile;

    /// <summary>Where the probe's firmware log goes; null uses a temporary directory that is deleted afterwards.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>How long the probe guest gets to reach its firmware's boot stage.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(4);

    public string KvmDevice { get; init; } = "/dev/kvm";

    /// <summary>$XDG_CACHE_HOME/boottests/accel.json, or ~/.cache/boottests/accel.json.</summary>
    public static string DefaultCacheFile
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string cache = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(cache, "boottests", "accel.json");
        }
    }
}
