using System.CommandLine;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite merge SHARD...`: one suite.json, junit.xml and report.html from the shards' results; a missing or duplicated shard is refused (exit 3). Exit: the merged verdict.</summary>
public static class SuiteMergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("SHARDS") { Description = "The shards' suite.json files, or the folders holding them (searched two levels deep)", Arity = ArgumentArity.OneOrMore };
        var out_ = new Option<string>("--out") { Description = "Folder for the merged suite.json, junit.xml and report.html", Required = true }.NotEmpty("a folder for the merged results");
        var allowMissing = new Option<bool>("--allow-missing") { Description = "Merge even when shards are missing or stopped part-way: their targets count as not run, and the merge fails (exit 1)" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the summary table as Markdown here (e.g. for $GITHUB_STEP_SUMMARY)" }.NotEmpty("a file for the Markdown summary");
        var command = new Command("merge", "Join shard results into one report; refuses a missing or duplicated shard") { inputs, out_, allowMissing, markdown };
        command.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var folder = Path.GetFullPath(parse.GetValue(out_)!);
            if (File.Exists(folder)) throw BootTestsException.Usage(Stage.Output, $"--out '{folder}' is a file; name a folder for the merged results.");
            SuiteOutputs.CheckMarkdown(parse.GetValue(markdown), folder);
            var reports = SuiteReportFile.ReadAll(parse.GetValue(inputs)!, Stage.Merge)
                .Where(r => Path.GetDirectoryName(r.Path) != folder).ToList();
            var merged = SuiteMerge.Merge(reports, parse.GetValue(allowMissing), folder);
            foreach (var missing in merged.MissingShards)
                Console.Error.WriteLine($"boottest: merge: shard {missing}/{merged.ShardCount} is MISSING; its targets count as not run.");
            Directory.CreateDirectory(folder);
            Console.WriteLine($"merged {reports.Count} report{(reports.Count == 1 ? "" : "s")} of suite {merged.Suite} (plan {merged.PlanDigest}): {string.Join(", ", reports.Select(r => r.Path))}");
            return Task.FromResult(SuiteOutputs.Finish(merged, folder, parse.GetValue(markdown)));
        }, ct));
        return command;
    }
}
