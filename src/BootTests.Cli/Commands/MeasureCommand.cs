using System.CommandLine;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;

using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest measure`: N cold boots per layout, stage statistics, history, baseline check, HTML and JSON. Exit 1 on a regression, 2 on a failed boot.</summary>
public static class MeasureCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layouts = new Option<string>("--layout") { Description = "Comma-separated layouts to measure", DefaultValueFactory = _ => "seed,fast" };
        var runs = CommonOptions.WholeNumber("--runs", "Cold boots per layout", 3, 1, 1000);
        var accel = CommonOptions.Accel();
        var bootVia = CommonOptions.BootVia();
        var kernelEntry = CommonOptions.KernelEntry();
        var history = new Option<string?>("--history") { Description = "Append each boot as one JSON line to this file" }.NotEmpty("a history file (JSON lines) to append to");
        var baseline = new Option<string?>("--baseline") { Description = "A history file to compare the medians with (like with like only: same layout, recipe, accelerator, QEMU and host class)" }.NotEmpty("a history file written by --history");
        var maxRegression = CommonOptions.Percentage("--max-regression", "With --baseline: exit 1 when a stage's median is more than PCT % above the baseline's (default 10)");
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (waterfall and trends) here" }.NotEmpty("a file to write the HTML report to");
        var json = new Option<string?>("--json") { Description = "Write a JSON summary (statistics per layout and stage, all boots) here" }.NotEmpty("a file to write the JSON summary to");
        var label = CommonOptions.Label();
        var command = new Command("measure", "Measure boot times: N cold boots per layout, stage by stage")
        {
            recipe, layouts, runs, accel, bootVia, kernelEntry, history, baseline, maxRegression, html, json, label,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var plan = new MeasurePlan(
                ParseLayouts(parse.GetValue(layouts)!),
                parse.GetValue(runs),
                CommonOptions.ParseAccel(parse.GetValue(accel)),
                parse.GetValue(history), parse.GetValue(html), parse.GetValue(json),
                CommonOptions.ParseBootVia(parse.GetValue(bootVia)!),
                parse.GetValue(label),
                CommonOptions.ParseKernelEntry(parse.GetValue(kernelEntry)!));
            var comparison = BaselineOptions(parse.GetValue(baseline), parse.GetValue(maxRegression));
            foreach (var (name, path) in new[] { ("--history", plan.HistoryPath), ("--html", plan.HtmlPath), ("--json", plan.JsonPath) })
                OutputFile.Check("measure", name, path);
            // Boots are appended to --history, so a file that is not a history (say /etc/passwd) is refused before it is touched.
            if (plan.HistoryPath is { } existing && File.Exists(existing)) History.Read(existing);
            var baselineRecords = comparison is null ? null : History.Read(comparison.Value.Path);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(
                HostNeeds.ToBuildAndBoot(loaded, plan.Layouts, plan.BootVia), ct);

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
        if (names.Length == 0) throw BootTestsException.Usage(Stage.Layout, $"--layout '{text}' names no layout. Use e.g. 'seed,fast'.");
        return names.Select(ImageLayouts.Parse).Distinct().ToList();
    }

    private static (string Path, double MaxRegression)? BaselineOptions(string? baseline, double? maxRegression)
    {
        if (maxRegression is { } pct && (pct < 0 || !double.IsFinite(pct)))
            throw BootTestsException.Usage(Stage.Measure, $"--max-regression {pct}: give a percentage of 0 or more.");
        if (maxRegression is not null && baseline is null)
            throw BootTestsException.Usage(Stage.Measure, "--max-regression needs --baseline FILE (a history file to compare with).");
        if (baseline is null) return null;
        if (Directory.Exists(baseline))
            throw BootTestsException.Usage(Stage.Measure, $"--baseline '{baseline}' is a directory; give a history file written by --history.");
        if (!File.Exists(baseline))
            throw BootTestsException.Usage(Stage.Measure, $"--baseline '{baseline}' does not exist; give a history file written by --history.");
        return (baseline, maxRegression ?? DefaultMaxRegression);
    }

}

/// <summary>What `measure` was asked to do, once the options are checked.</summary>
public sealed record MeasurePlan(
    IReadOnlyList<ImageLayout> Layouts, int Runs, AcceleratorChoice Accelerator, string? HistoryPath, string? HtmlPath, string? JsonPath,
    BootTests.BootMedia.BootVia BootVia = BootTests.BootMedia.BootVia.Direct, string? Label = null,
    BootTests.BootMedia.KernelEntry KernelEntry = BootTests.BootMedia.KernelEntry.Auto);
