using BootTests.Reports.Measurements;

namespace BootTests.Cli.Commands;


/// <summary>What `benchmark` prints: a header (date, machine, accelerator, QEMU), then per recipe a seed/fast table with the ratios and targets.</summary>
public static class BenchmarkOutputs
{
    public static void Print(BenchmarkReport report, int runs)
    {
        Console.WriteLine();
        var load = HostLoad.Range(report.Recipes.SelectMany(r => r.Seed.Boots.Concat(r.Fast.Boots).Concat(r.Ipxe?.Boots ?? [])));
        Console.WriteLine($"benchmark {report.Date:yyyy-MM-dd HH:mm} UTC; {report.CpuModel}, {report.CpuCount} cores; " +
            $"accelerator {report.Accelerator}; QEMU {report.QemuVersion}" + (load is null ? "" : $"; load average {load} (1 min, as each timed boot started)"));
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
        Row("tree (MB)", r.Seed.TreeBytes / 1e6, r.Fast.TreeBytes / 1e6, null);
        Row("payload (MB of tree per s)", r.Seed.PayloadMBps, r.Fast.PayloadMBps, null);
        Row("guest tmpfs write, dd (MB/s)", r.Seed.MedianTmpfsWriteMBps, r.Fast.MedianTmpfsWriteMBps, ratios[3]);
        Row("sshd → first command, median (s)", r.Seed.MedianSshdToSshReady, r.Fast.MedianSshdToSshReady, ratios[4], "F2");
        Console.WriteLine(r.Race is { } race
            ? $"  the same moment, one more fast boot: from sshd-started the harness ran its first command after {race.Harness:F2} s, OpenSSH's client (ConnectTimeout=1, retried) after {race.OpenSsh:F2} s"
            : "  OpenSSH race: no result");
        if (r.Ipxe is { } ipxe)
        {
            Console.WriteLine($"{"fast via ipxe → ssh-ready, median (s)",-34} {Figure(ipxe.BaselineMedian),10} {Figure(ipxe.Median),10}   {Ratio(ratios[5], "x")}");
            Console.WriteLine(ipxe switch
            {
                { BaselineMedian: not null } => $"  (first column: {ipxe.BaselineBoots} boots of an earlier build from --ipxe-baseline; second: {ipxe.Boots.Count} boots now)",
                { BaselineRefusal: { } why } => $"  (--ipxe-baseline not compared: {why})",
                _ => "  (no earlier iPXE boots to compare with: give --ipxe-baseline, a history of another build's `measure --boot-via ipxe --history`)",
            });
        }
        Console.WriteLine($"{"smallest memory to ssh-ready (MiB)",-34} {Memory(r.Seed.Memory),10} {Memory(r.Fast.Memory),10}   {Ratio(ratios[2], "")}");
        Console.WriteLine($"memory tried (MiB, + boots, - does not; {r.RecipeMemoryMiB} is the timed boots): seed {Attempts(r.Seed.Memory)}; fast {Attempts(r.Fast.Memory)}");
    }

    private static void Row(string name, double? seed, double? fast, TargetRatio? ratio, string format = "F1") =>
        Console.WriteLine($"{name,-34} {Figure(seed, format),10} {Figure(fast, format),10}   {(ratio is null ? "" : Ratio(ratio, ratio.Target.EndsWith('x') ? "x" : " s"))}".TrimEnd());

    private static string Figure(double? value, string format = "F1") => value is { } v ? v.ToString(format) : "-";

    private static string Ratio(TargetRatio ratio, string unit) =>
        $"{(ratio.Value is { } v ? v.ToString("0.##") + unit : "-"),-12} {ratio.Target,-18} {(ratio.Met ? "met" : "missed")}";

    private static string Memory(MemoryBisectionResult memory) =>
        memory.SmallestPassingMiB is { } mib ? mib.ToString() : $"> {memory.LargestFailingMiB}";

    private static string Attempts(MemoryBisectionResult memory) =>
        string.Join(' ', memory.Attempts.Select(a => $"{a.MiB}{(a.Passed ? "+" : "-")}"));
}
