using System.Text.Json;

namespace BootTests.Reports.Measurements;

/// <summary>One layout's figures: image step build seconds (rootfs cached), initramfs bytes, the timed boots and the memory bisection.</summary>
public sealed record LayoutBenchmark(
    string Layout, double BuildSeconds, long InitramfsBytes, IReadOnlyList<BootRecord> Boots, MemoryBisectionResult Memory)
{
    public double? MedianTotalToSshReady => Median(Stages.TotalToSshReady);
    public double? MedianPayloadExtraction => Median(Stages.PayloadExtraction);

    private double? Median(string stage) => LayoutSummary.Of(Boots).FirstOrDefault()?.Find(stage)?.Median;
}

/// <summary>A seed/fast comparison beside its target from the measurement issue; Met is false when a figure is missing.</summary>
public sealed record TargetRatio(string Name, double? Value, string Target, bool Met);

/// <summary>Seed and fast on the same rootfs for one recipe, and the ratios the measurement issue sets targets for.</summary>
public sealed record RecipeBenchmark(string Recipe, int RecipeMemoryMiB, LayoutBenchmark Seed, LayoutBenchmark Fast)
{
    public const double BuildTarget = 50;
    public const double BootTarget = 2;

    public IReadOnlyList<TargetRatio> Ratios
    {
        get
        {
            double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? Math.Round(x / y, 3) : null;
            var build = Ratio(Seed.BuildSeconds, Fast.BuildSeconds);
            var boot = Ratio(Seed.MedianTotalToSshReady, Fast.MedianTotalToSshReady);
            var memory = Ratio(Fast.Memory.SmallestPassingMiB, Seed.Memory.SmallestPassingMiB);
            return
            [
                new("build seed/fast", build, $"≥ {BuildTarget:0}x", build >= BuildTarget),
                new("boot-to-ssh seed/fast", boot, $"≥ {BootTarget:0}x", boot >= BootTarget),
                new("memory fast/seed", memory, "≤ 1 (fast ≤ seed)", memory <= 1),
            ];
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
