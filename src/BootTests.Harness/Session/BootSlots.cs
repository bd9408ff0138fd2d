using System.Diagnostics;
using System.Globalization;
using BootTests.Qemu;

namespace BootTests.Session;

/// <summary>
/// A cap on the VMs of this process that boot at the same time: by default what the cores allow, one boot per core under
/// KVM and one per two cores under TCG (a TCG boot keeps two cores busy), or $BOOTTESTS_MAX_BOOTS.
/// </summary>
public sealed class BootSlots(int? capacity = null)
{
    public const string Variable = "BOOTTESTS_MAX_BOOTS";

    private readonly Lock gate = new();
    private readonly Dictionary<Accelerator, SemaphoreSlim> slots = [];

    /// <summary>The slots every session of the test kit shares.</summary>
    public static BootSlots Shared { get; } = new();

    /// <summary>The cap given, else $BOOTTESTS_MAX_BOOTS, else the default for the accelerator on this many cores.</summary>
    public int CapacityFor(Accelerator accelerator, int cores) =>
        capacity ?? FromEnvironment() ?? (accelerator == Accelerator.Kvm ? Math.Max(1, cores) : Math.Max(1, cores / 2));

    /// <summary>Waits for a free slot (logged when it has to wait); dispose the result to free it.</summary>
    public async Task<IDisposable> AcquireAsync(Accelerator accelerator, IProgress<string>? log, CancellationToken ct)
    {
        SemaphoreSlim slot;
        var cap = CapacityFor(accelerator, Environment.ProcessorCount);
        lock (gate)
        {
            if (!slots.TryGetValue(accelerator, out slot!)) slots[accelerator] = slot = new SemaphoreSlim(cap, cap);
        }
        if (!await slot.WaitAsync(0, ct).ConfigureAwait(false))
        {
            var what = $"a boot slot ({cap} booting at once under {accelerator.ToString().ToLowerInvariant()} on {Environment.ProcessorCount} cores; {Variable} changes it)";
            log?.Report($"waiting for {what}");
            var clock = Stopwatch.StartNew();
            await slot.WaitAsync(ct).ConfigureAwait(false);
            log?.Report($"a boot slot took {clock.Elapsed.TotalSeconds:F1} s");
        }
        return new Release(slot);
    }

    private static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw BootTestsException.Usage(Stage.Boot, $"{Variable}='{PrintableText.Of(text)}' is not a whole number of VMs of 1 or more; unset it for what the cores allow.");
    }

    private sealed class Release(SemaphoreSlim slot) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slot.Release();
        }
    }
}
