using System.Text.Json;

namespace BootTests.Reports.Measurements;

/// <summary>One layout's figures: image step build seconds (rootfs cached), initramfs and tree bytes, the timed boots and the memory bisection.</summary>
public sealed record LayoutBenchmark(
    string Layout, double BuildSeconds, long InitramfsBytes, IReadOnlyList<BootRecord> Boots, MemoryBisectionResult Memory, long TreeBytes = 0)
{
    public double? MedianTotalToSshReady => Median(Stages.TotalToSshReady);
    public double? MedianPayloadExtraction => Median(Stages.PayloadExtraction);
    public double? MedianSshdToSshReady => Median(Stages.SshdToSshReady);

    /// <summary>MB (10^6 bytes) of tree per second of the payload stage.</summary>
    public double? PayloadMBps => MedianPayloadExtraction is { } s && s > 0 && TreeBytes > 0 ? Math.Round(TreeBytes / 1e6 / s, 1) : null;

    /// <summary>The median of the guest's own tmpfs write speed, measured after each timed boot.</summary>
    public double? MedianTmpfsWriteMBps
    {
        get
        {
            var speeds = Boots.Select(b => b.TmpfsWriteMBps).OfType<double>().ToList();
            return speeds.Count == 0 ? null : Math.Round(Statistics.Of(speeds).Median, 1);
        }
    }

    private double? Median(string stage) => LayoutSummary.Of(Boots).FirstOrDefault()?.Find(stage)?.Median;
}

/// <summary>A seed/fast comparison beside its target from the measurement issue; Met is false when a figure is missing.</summary>
public sealed record TargetRatio(string Name, double? Value, string Target, bool Met);

/// <summary>One boot in which OpenSSH's client raced the harness to the first command, both from the console's sshd line (host seconds).</summary>
public sealed record SshRace(double SshdStarted, double HarnessReady, double OpenSshReady)
{
    public double Harness => Math.Round(HarnessReady - SshdStarted, 3);
    public double OpenSsh => Math.Round(OpenSshReady - SshdStarted, 3);
}

/// <summary>Boots of the fast layout through iPXE, beside the same boots in an earlier history (another build's `measure --history`).</summary>
public sealed record IpxeBenchmark(IReadOnlyList<BootRecord> Boots, double? BaselineMedian, int BaselineBoots, string? BaselineRefusal = null)
{
    public double? Median => LayoutSummary.Of(Boots).FirstOrDefault()?.Find(Stages.TotalToSshReady)?.Median;
}

/// <summary>Seed and fast on the same rootfs for one recipe, and the ratios the speed issues set targets for.</summary>
public sealed record RecipeBenchmark(string Recipe, int RecipeMemoryMiB, LayoutBenchmark Seed, LayoutBenchmark Fast)
{
    public const double BuildTarget = 50;
    public const double PayloadTarget = 2;
    public const double OverheadTarget = 1;
    public const double OverheadMargin = 0.2;
    public const double IpxeTarget = 2;

    /// <summary>The boot-to-ssh target, seed over fast: 3x on the benchmark-size tree (all modules), 2x on smaller ones.</summary>
    public double BootTarget { get; init; } = 2;

    /// <summary>The OpenSSH race, when it was run.</summary>
    public SshRace? Race { get; init; }

    /// <summary>The iPXE boots, when they were run.</summary>
    public IpxeBenchmark? Ipxe { get; init; }

    public IReadOnlyList<TargetRatio> Ratios
    {
        get
        {
            double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 3) : null;
            var build = Ratio(Seed.BuildSeconds, Fast.BuildSeconds);
            var boot = Ratio(Seed.MedianTotalToSshReady, Fast.MedianTotalToSshReady);
            var memory = Ratio(Fast.Memory.SmallestPassingMiB, Seed.Memory.SmallestPassingMiB);
            var payload = Ratio(Fast.MedianTmpfsWriteMBps, Fast.PayloadMBps);
            var overhead = Fast.MedianSshdToSshReady;
            var overheadMet = overhead <= OverheadTarget || (Race is { } race && race.Harness <= race.OpenSsh + OverheadMargin);
            var ipxe = Ratio(Ipxe?.BaselineMedian, Ipxe?.Median);
            List<TargetRatio> ratios =
            [
                new("build seed/fast", build, $"≥ {BuildTarget:0}x", build >= BuildTarget),
                new("boot-to-ssh seed/fast", boot, $"≥ {BootTarget:0}x", boot >= BootTarget),
                new("memory fast/seed", memory, "≤ 1 (fast ≤ seed)", memory <= 1),
                new("tmpfs write/payload, fast", payload, $"≤ {PayloadTarget:0}x", payload <= PayloadTarget),
                new("harness overhead, fast (s)", overhead, $"≤ {OverheadTarget:0} s or ≤ OpenSSH + {OverheadMargin} s", overheadMet),
            ];
            if (Ipxe is not null) ratios.Add(new("ipxe before/now", ipxe, $"≥ {IpxeTarget:0}x", ipxe >= IpxeTarget));
            return ratios;
        }
    }
}

/// <summary>What `boottest benchmark --json` writes: where and when it ran, and every recipe's figures.</summary>
public sealed record BenchmarkReport(
    DateTimeOffset Date, string CpuModel, int CpuCount, string Accelerator, string QemuVersion, int MemoryStepMiB, int MemoryLowMiB,
    IReadOnlyList<RecipeBenchmark> Recipes)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonReportWriter.Options);

    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, JsonReportWriter.Options));
}
