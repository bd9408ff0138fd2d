using BootTests.Reports.Measurements;

namespace BootTests.Cli.Commands;


/// <summary>What `benchmark` prints: a header (date, machine, accelerator, QEMU), then per recipe a seed/fast table with the ratios and targets.</summary>
public static class BenchmarkOutputs
{
    public static void Print(BenchmarkReport report, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"benchmark {report.Date:yyyy-MM-dd HH:mm} UTC; {report.CpuModel}, {report.CpuCount} cores; " +
            $"accelerator {report.Accelerator}; QEMU {report.QemuVersion}");
        foreach (var recipe in report.Recipes) PrintRecipe(recipe, runs, report.MemoryStepMiB);
    }

    private static void PrintRecipe(RecipeBenchmark r, int runs, int step)
    {
        var ratios = r.Ratios;
        Console.WriteLine();
        Console.WriteLine($"recipe {r.Recipe} ({r.RecipeMemoryMiB} MiB), {(runs == 1 ? "1 boot" : $"{runs} boots")} per layout, memory bisected to {step} MiB");
        Console.WriteLine($"{"",-34} {"seed",10} {"fast",10}   {"ratio",-12} {"target",-18} verdict");
        Row("image build, rootfs cached (s)", r.Seed.BuildSeconds, r.Fast.BuildSeconds, ratios[0]);
        Row("initramfs (MiB)", r.Seed.InitramfsBytes / 1048576.0, r.Fast.InitramfsBytes / 1048576.0, null);
        Row("QEMU start → ssh-ready, median (s)", r.Seed.MedianTotalToSshReady, r.Fast.MedianTotalToSshReady, ratios[1]);
        Row("payload extraction, median (s)", r.Seed.MedianPayloadExtraction, r.Fast.MedianPayloadExtraction, null);
        Console.WriteLine($"{"smallest memory to ssh-ready (MiB)",-34} {Memory(r.Seed.Memory),10} {Memory(r.Fast.Memory),10}   {Ratio(ratios[2], "")}");
        Console.WriteLine($"memory tried (MiB, + boots, - does not; {r.RecipeMemoryMiB} is the timed boots): seed {Attempts(r.Seed.Memory)}; fast {Attempts(r.Fast.Memory)}");
    }

    private static void Row(string name, double? seed, double? fast, TargetRatio? ratio) =>
        Console.WriteLine($"{name,-34} {Figure(seed),10} {Figure(fast),10}   {(ratio is null ? "" : Ratio(ratio, "x"))}".TrimEnd());

    private static string Figure(double? value) => value is { } v ? v.ToString("F1") : "-";

    private static string Ratio(TargetRatio ratio, string unit) =>
        $"{(ratio.Value is { } v ? v.ToString("0.##") + unit : "-"),-12} {ratio.Target,-18} {(ratio.Met ? "met" : "missed")}";

    private static string Memory(MemoryBisectionResult memory) =>
        memory.SmallestPassingMiB is { } mib ? mib.ToString() : $"> {memory.LargestFailingMiB}";

    private static string Attempts(MemoryBisectionResult memory) =>
        string.Join(' ', memory.Attempts.Select(a => $"{a.MiB}{(a.Passed ? "+" : "-")}"));
}
