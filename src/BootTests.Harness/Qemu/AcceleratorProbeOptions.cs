using BootTests.Images;

namespace BootTests.Qemu;

/// <summary>Settings of <see cref="AcceleratorProbe"/>.</summary>
public sealed record AcceleratorProbeOptions
{
    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>The Linux kernel the probe boots under KVM (best: the one about to be booted); null when there is none to hand.</summary>
    public string? Kernel { get; init; }

    /// <summary>JSON file that remembers the answer per host kernel, kvm modules, QEMU version and /dev/kvm; null for no cache.</summary>
    public string? CacheFile { get; init; } = DefaultCacheFile;

    /// <summary>Where the probe's console log goes; null uses a temporary directory that is deleted afterwards.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>How long the probe kernel gets to get through its start-up under KVM (about a second where KVM works).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(8);

    public string KvmDevice { get; init; } = "/dev/kvm";

    /// <summary>accel.json in the BootTests cache ($BOOTTESTS_CACHE, else $XDG_CACHE_HOME/boottests, else ~/.cache/boottests).</summary>
    public static string DefaultCacheFile => CacheDirectory.Default().AcceleratorFile;
}
