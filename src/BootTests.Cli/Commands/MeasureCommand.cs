using System.CommandLine;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;

namespace BootTests.Cli.Commands;

using Console = System.Console;

/// <summary>`boottest measure`: N cold boots per layout, stage statistics, history, baseline check, HTML and JSON. Exit 1 on a regression, 2 on a failed boot.</summary>
public static class MeasureCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layouts = new Option<string>("--layout") { Description = "Comma-separated layouts to measure", DefaultValueFactory = _ => "seed,fast" };
        var runs = new Option<int>("--runs") { Description = "Cold boots per layout", DefaultValueFactory = _ => 3 };
        var accel = CommonOptions.Accel();
        var bootVia = CommonOptions.BootVia();
        var history = new Option<string?>("--history") { Description = "Append each boot as one JSON line to this file" };
        var baseline = new Option<string?>("--baseline") { Description = "A history file to compare the medians with (same layout and accelerator only)" };
        var maxRegression = new Option<double?>("--max-regression") { Description = "With --baseline: exit 1 when a stage's median is more than PCT % above the baseline's (default 10)" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (waterfall and trends) here" };
        var json = new Option<string?>("--json") { Description = "Write a JSON summary (statistics per layout and stage, all boots) here" };
        var command = new Command("measure", "Measure boot times: N cold boots per layout, stage by stage")
        {
            recipe, layouts, runs, accel, bootVia, history, baseline, maxRegression, html, json,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var plan = new MeasurePlan(
                ParseLayouts(parse.GetValue(layouts)!),
                Runs(parse.GetValue(runs)),
                AcceleratorChoices.Parse(parse.GetValue(accel)!),
                parse.GetValue(history), parse.GetValue(html), parse.GetValue(json),
                CommonOptions.ParseBootVia(parse.GetValue(bootVia)!));
            var comparison = BaselineOptions(parse.GetValue(baseline), parse.GetValue(maxRegression));
            foreach (var (name, path) in new[] { ("--history", plan.HistoryPath), ("--html", plan.HtmlPath), ("--json", plan.JsonPath) })
                RequireWritable(name, path);
            var baselineRecords = comparison is null ? null : History.Read(comparison.Value.Path);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(
                [.. plan.Layouts.SelectMany(BootTests.Host.Prerequisites.ForBuild).Distinct(), .. BootTests.Host.Prerequisites.ForBoot,
                 .. BootTests.Host.Prerequisites.ForBootVia(plan.BootVia)], ct);

            var records = await MeasureBoots.RunAsync(loaded, plan, CliRunner.Progress(), ct);
            if (records is null) return (int)ExitCode.BootFailed;
            return MeasureOutputs.Finish(records, plan, baselineRecords is null ? null
                : BaselineComparison.Compare(records, baselineRecords, comparison!.Value.MaxRegression));
        }, ct));
        return command;
    }

    /// <summary>The allowed slowdown when --baseline is given without --max-regression.</summary>
    public const double DefaultMaxRegression = 10;

    private static IReadOnlyList<ImageLayout> ParseLayouts(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw BootTestsException.Usage("layout", $"--layout '{text}' names no layout. Use e.g. 'seed,fast'.");
        return names.Select(ImageLayouts.Parse).Distinct().ToList();
    }

    private static int Runs(int runs) => runs >= 1 ? runs
        : throw BootTestsException.Usage("measure", $"--runs {runs}: give at least 1 boot per layout.");

    private static (string Path, double MaxRegression)? BaselineOptions(string? baseline, double? maxRegression)
    {
        if (maxRegression is { } pct && (pct < 0 || double.IsNaN(pct)))
            throw BootTestsException.Usage("measure", $"--max-regression {pct}: give a percentage of 0 or more.");
        if (maxRegression is not null && baseline is null)
            throw BootTestsException.Usage("measure", "--max-regression needs --baseline FILE (a history file to compare with).");
        if (baseline is null) return null;
        if (!File.Exists(baseline))
            throw BootTestsException.Usage("measure", $"--baseline '{baseline}' does not exist; give a history file written by --history.");
        return (baseline, maxRegression ?? DefaultMaxRegression);
    }

    private static void RequireWritable(string name, string? path)
    {
        if (path is null) return;
        if (Directory.Exists(path)) throw BootTestsException.Usage("measure", $"{name} '{path}' is a directory; name a file.");
        var parent = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(parent)) throw BootTestsException.Usage("measure", $"{name} '{path}': the folder '{parent}' does not exist.");
    }
}

/// <summary>What `measure` was asked to do, once the options are checked.</summary>
public sealed record MeasurePlan(
    IReadOnlyList<ImageLayout> Layouts, int Runs, AcceleratorChoice Accelerator, string? HistoryPath, string? HtmlPath, string? JsonPath,
    BootTests.BootMedia.BootVia BootVia = BootTests.BootMedia.BootVia.Direct);
