using System.CommandLine;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;

using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>`boottest benchmark`: seed vs fast on the same rootfs per recipe (build, boot, smallest memory) against the targets. Exit 0, 2 on a failed baseline boot.</summary>
public static class BenchmarkCommand
{
    /// <summary>The recipes compared when --recipe is not given.</summary>
    public const string DefaultRecipes = "debian-bookworm,debian-bookworm-full";

    public static Command Create()
    {
        var recipes = new Option<string>("--recipe") { Description = "Comma-separated recipes (names or files)", DefaultValueFactory = _ => DefaultRecipes };
        var runs = CommonOptions.WholeNumber("--runs", "Timed boots per layout", 3, 1, 1000);
        var accel = CommonOptions.Accel();
        var step = CommonOptions.WholeNumber("--min-memory-step", "Precision of the smallest-memory bisection, MiB", MemoryBisection.DefaultStepMiB, 1, 1024);
        var json = new Option<string?>("--json") { Description = "Write every figure as JSON here" }.NotEmpty("a file to write the figures to");
        var ipxeBaseline = new Option<string?>("--ipxe-baseline") { Description = "A history (measure --boot-via ipxe --history) of an earlier build's iPXE boots to hold the iPXE path's speed-up against" }.NotEmpty("a history file written by measure --history");
        var command = new Command("benchmark", "Compare the seed and fast layouts: image build, boot to ssh-ready, smallest memory")
        {
            recipes, runs, accel, step, json, ipxeBaseline,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var plan = new BenchmarkPlan(
                parse.GetValue(runs),
                CommonOptions.ParseAccel(parse.GetValue(accel)),
                parse.GetValue(step),
                parse.GetValue(json),
                parse.GetValue(ipxeBaseline));
            if (plan.IpxeBaselinePath is { } baselinePath) History.Read(baselinePath);
            OutputFile.Check("benchmark", "--json", plan.JsonPath);
            var loaded = ParseRecipes(parse.GetValue(recipes)!).Select(RecipeLoader.Load).ToList();
            await CliRunner.EnsureInstalledAsync(
                HostNeeds.ToBuildAndBoot([ImageLayout.Seed, ImageLayout.Fast], BootTests.BootMedia.BootVia.Ipxe), ct);

            var date = DateTimeOffset.UtcNow;
            var progress = CliRunner.Progress();
            var results = new List<RecipeBenchmark>();
            foreach (var recipe in loaded)
            {
                var result = await BenchmarkRun.RunAsync(recipe, plan, progress, ct);
                if (result is null) return (int)ExitCode.BootFailed;
                results.Add(result);
            }
            var first = results[0].Seed.Boots[0];
            var report = new BenchmarkReport(date, first.CpuModel, first.CpuCount, first.Accelerator, first.QemuVersion,
                plan.MemoryStepMiB, BenchmarkRun.LowMemoryMiB, results);
            BenchmarkOutputs.Print(report, plan.Runs);
            if (plan.JsonPath is { } jsonPath) report.Write(jsonPath);
            return 0;
        }, ct));
        return command;
    }

    private static IReadOnlyList<string> ParseRecipes(string text)
    {
        // A path that exists is one recipe even if its name has a comma.
        if (File.Exists(text) || Directory.Exists(text)) return [text];
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw BootTestsException.Usage(Stage.Benchmark, $"--recipe '{text}' names no recipe. Use e.g. '{DefaultRecipes}'.");
        return names.Distinct().ToList();
    }

}

/// <summary>What `benchmark` was asked to do, once the options are checked.</summary>
public sealed record BenchmarkPlan(int Runs, AcceleratorChoice Accelerator, int MemoryStepMiB, string? JsonPath, string? IpxeBaselinePath = null);
