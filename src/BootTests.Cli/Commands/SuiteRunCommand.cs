using System.CommandLine;
using BootTests.BootMedia;
using BootTests.Images;
using BootTests.Session;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite run SUITE`: one shard of a suite, target by target; suite.json, junit.xml, report.html and runs/ in --out. Exit 0 all passed (known failures included), 1 a check failed, 2 a boot failed.</summary>
public static class SuiteRunCommand
{
    public static Command Create()
    {
        var suiteOptions = new SuiteOptions();
        var accel = CommonOptions.Accel();
        var out_ = new Option<string?>("--out") { Description = "Folder for suite.json, junit.xml, report.html and runs/ (default: boottests-results/shard-I-of-N)" }.NotEmpty("a folder for the results");
        var runLabel = new Option<string?>("--run-label") { Description = "Label the results (e.g. the commit: --run-label \"$CI_COMMIT_SHORT_SHA\"); shown in the merged report" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the summary table as Markdown here (e.g. for $GITHUB_STEP_SUMMARY)" }.NotEmpty("a file for the Markdown summary");
        var command = new Command("run", "Run one shard (default: all) of a suite's targets: build (cached), boot, check each; known failures applied") { accel, out_, runLabel, markdown };
        suiteOptions.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            var (suite, shard, selection, timings) = suiteOptions.Parse(parse);
            var folder = Path.GetFullPath(parse.GetValue(out_) ?? Path.Combine("boottests-results", shard.FolderName));
            if (File.Exists(folder)) throw BootTestsException.Usage(Stage.Output, $"--out '{folder}' is a file; name a folder for the results.");
            SuiteOutputs.CheckMarkdown(parse.GetValue(markdown), folder);
            if (parse.GetValue(runLabel) is { } l && (l.Length is 0 or > 200 || l.Any(char.IsControl)))
                throw BootTestsException.Usage(Stage.Suite, $"--run-label '{PrintableText.Of(l)}' must be 1 to 200 printable characters, e.g. a commit hash.");
            var plan = SuitePlan.Create(suite.Name, selection.Apply(suite), shard.Count, timings);
            var mine = plan.In(shard.Index);
            await CliRunner.EnsureInstalledAsync(mine.GroupBy(t => t.BootVia).SelectMany(g =>
                HostNeeds.ToBuildAndBoot(g.Select(t => ImageLayouts.Parse(t.Layout)).Distinct(), BootViaNames.TryParse(g.Key)!.Value)).Distinct().ToList(), ct);

            var report = await SuiteRunner.RunAsync(suite, new SuiteRunOptions(shard, selection, timings, folder, choice, parse.GetValue(runLabel),
                DateOnly.FromDateTime(DateTime.UtcNow), CliRunner.Progress()), ct);
            return SuiteOutputs.Finish(report, folder, parse.GetValue(markdown));
        }, ct));
        return command;
    }
}
