using BootTests.Images;
using BootTests.Images.Sources;
using BootTests.Qemu;

namespace BootTests.Session;

/// <summary>
/// libguestfs boots its own appliance, so it follows the same accelerator decision as the boots: KVM only where a Linux
/// kernel has been proven to run under it (<see cref="AcceleratorProbe"/>), else LIBGUESTFS_BACKEND_SETTINGS=force_tcg.
/// Decided here, where the Qemu stage is known, and handed to the image stage.
/// </summary>
public static class GuestfsAccelerator
{
    /// <summary>The settings for reading the recipe's disk; null (nothing probed) when its source is not a disk.</summary>
    public static async Task<GuestfsSettings?> ForAsync(Recipe recipe, AcceleratorChoice choice, CacheDirectory cache, CancellationToken ct)
    {
        if (RootfsKinds.TryParse(recipe.Rootfs.Kind) != RootfsKind.Disk) return null;
        if (choice == AcceleratorChoice.Tcg) return new GuestfsSettings(ForceTcg: true);
        var options = new AcceleratorProbeOptions { CacheFile = cache.AcceleratorFile, Kernel = ProbeKernel.Find(cache) };
        var (verdict, fromCache) = await AcceleratorProbe.VerdictAsync(options, ct);
        if (!verdict.Works && choice == AcceleratorChoice.Kvm) throw AcceleratorProbe.KvmRefused(verdict, options, fromCache);
        return new GuestfsSettings(ForceTcg: !verdict.Works);
    }
}
