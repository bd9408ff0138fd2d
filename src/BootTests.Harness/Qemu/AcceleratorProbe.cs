using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Qemu;

/// <summary>
/// Decides between KVM and TCG. Neither a /dev/kvm that exists nor firmware that runs under it is proof, so KVM is
/// trusted only once a Linux kernel has got through its start-up under it (<see cref="KvmLinuxProbe"/>); the answer
/// and its evidence are cached per host, and a real boot that stalls under KVM overrules it (<see cref="RecordStallAsync"/>).
/// </summary>
public static class AcceleratorProbe
{
    /// <summary>The accelerator for <paramref name="choice"/>; an explicit KVM request that cannot work throws an Environment error within seconds.</summary>
    public static async Task<AcceleratorDecision> DecideAsync(
        AcceleratorChoice choice, AcceleratorProbeOptions options, CancellationToken cancellationToken = default)
    {
        if (choice == AcceleratorChoice.Tcg)
            return new AcceleratorDecision(Accelerator.Tcg, "TCG was requested.", FromCache: false);

        var (verdict, fromCache) = await VerdictAsync(options, cancellationToken);
        if (verdict.Works)
            return new AcceleratorDecision(Accelerator.Kvm, verdict.Reason, fromCache, verdict);
        if (choice == AcceleratorChoice.Kvm)
            throw KvmRefused(verdict, options, fromCache);
        return new AcceleratorDecision(
            Accelerator.Tcg, $"KVM is not usable, falling back to TCG (much slower): {verdict.Reason}", fromCache, verdict);
    }

    /// <summary>The environment error (exit 4) for an explicit KVM request on a host where KVM cannot run Linux.</summary>
    public static BootTestsException KvmRefused(KvmVerdict verdict, AcceleratorProbeOptions options, bool fromCache) =>
        BootTestsException.Environment(Stage.Boot,
            $"KVM was requested but does not work on this host: {verdict.Reason} Use --accel tcg (or BOOTTESTS_ACCEL=tcg), or --accel auto to fall back to TCG."
            + (fromCache && options.CacheFile is not null ? $" (Answer cached in {options.CacheFile}; delete it, or run `boottest doctor --probe`, to probe again.)" : ""));

    /// <summary>The cached verdict for this host, else a fresh probe (cached); without /dev/kvm or a kernel to boot, KVM is not proven.</summary>
    public static async Task<(KvmVerdict Verdict, bool FromCache)> VerdictAsync(AcceleratorProbeOptions options, CancellationToken ct = default)
    {
        if (!File.Exists(options.KvmDevice))
            return (new KvmVerdict(false, $"{options.KvmDevice} does not exist.", 0, null, null, null, KvmVerdict.ByHost), false);
        var key = await AcceleratorCache.CurrentKeyAsync(options, ct);
        if (AcceleratorCache.Read(options.CacheFile, key) is { } cached)
            return (cached.Verdict, true);
        if (options.Kernel is null)
            return (new KvmVerdict(false, "no Linux kernel was at hand to prove KVM with (firmware alone is not proof).", 0, null, null, null, KvmVerdict.ByHost), false);
        var verdict = await KvmLinuxProbe.RunAsync(options, options.Kernel, ct);
        AcceleratorCache.Write(options.CacheFile, new AcceleratorCache.Entry(key, verdict, DateTimeOffset.UtcNow));
        return (verdict, false);
    }

    /// <summary>Records that a real boot under KVM stalled, so later runs on this host go straight to TCG.</summary>
    public static async Task RecordStallAsync(AcceleratorProbeOptions options, KvmVerdict stalled, CancellationToken ct = default) =>
        AcceleratorCache.Write(options.CacheFile, new AcceleratorCache.Entry(await AcceleratorCache.CurrentKeyAsync(options, ct), stalled, DateTimeOffset.UtcNow));

    /// <summary>The first line of <c>qemu-system-x86_64 --version</c>; a missing binary is an Environment error.</summary>
    public static async Task<string> QemuVersionAsync(string qemuBinary, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Cli.Wrap(qemuBinary).WithArguments(["--version"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            return result.StandardOutput.Split('\n')[0].Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw BootTestsException.Environment(
                Stage.Boot, $"Could not run '{qemuBinary} --version': {e.Message}. Install QEMU (Debian: apt-get install qemu-system-x86).", e);
        }
    }
}
