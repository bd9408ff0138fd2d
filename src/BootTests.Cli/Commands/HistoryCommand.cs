using System.CommandLine;
using BootTests.Reports.Measurements;

namespace BootTests.Cli.Commands;

/// <summary>`boottest history merge FILE... --out FILE`: one history from the histories of many hosts and commits.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("HISTORIES") { Description = "History files written by `boottest measure --history`", Arity = ArgumentArity.OneOrMore };
        var out_ = new Option<string>("--out") { Description = "The merged history file (written whole, then renamed into place)", Required = true }.NotEmpty("a file for the merged history");
        var merge = new Command("merge", "Join histories from many hosts into one, in date order, each boot once") { inputs, out_ };
        merge.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var output = parse.GetValue(out_)!;
            OutputFile.Check(Stage.History, "--out", output);
            var files = parse.GetValue(inputs)!;
            var merged = HistoryMerge.Merge(files);
            History.WriteAll(output, merged);
            Console.WriteLine($"merged {files.Length} histories into {output}: {merged.Count} boots");
            foreach (var group in merged.GroupBy(r => r.HostClassOrGuess.Id))
            {
                var labels = group.Select(r => r.Label).OfType<string>().Distinct().ToList();
                Console.WriteLine($"  host {group.Key}: {group.Count(),4} boots  {group.First().HostClassOrGuess.Describe()}{(labels.Count == 0 ? "" : $"; labels {string.Join(", ", labels.Take(5))}{(labels.Count > 5 ? ", …" : "")}")}");
            }
            return Task.FromResult(0);
        }, ct));
        return new Command("history", "Work with measurement histories (measure --history)") { merge };
    }
}
