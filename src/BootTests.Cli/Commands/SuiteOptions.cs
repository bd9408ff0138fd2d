using System.CommandLine;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>What `suite run` and `suite list` share: the suite file, the shard, the selection and the timings that balance the shards.</summary>
public sealed class SuiteOptions
{
    public Argument<string> File { get; } = new("SUITE") { Description = "The suite file (JSON: targets, matrices, known failures)" };

    public Option<string> Shard { get; } = new("--shard")
    {
        Description = "Run shard I of N (1-based; every target is in exactly one shard), e.g. --shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\"",
        DefaultValueFactory = _ => "1/1",
    };

    public Option<string[]> Filters { get; } = new("--filter")
    {
        Description = "Only targets whose name matches this glob (* and ?); repeat for several (any matches)",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Labels { get; } = new("--label")
    {
        Description = "Only targets with this label (repeat: all of them); !LABEL leaves out targets with it",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Timings { get; } = new("--timings")
    {
        Description = "Earlier suite reports (suite.json or their folders) whose target times balance the shards; give every shard the same ones",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Shard);
        command.Options.Add(Filters);
        command.Options.Add(Labels);
        command.Options.Add(Timings);
    }

    /// <summary>The suite, the shard, the selection and the timings, each checked (usage errors name the option or the file:line:column).</summary>
    public (Suite Suite, ShardSpec Shard, TargetSelection Selection, TargetTimings Timings) Parse(ParseResult parse)
    {
        var shard = ShardSpec.Parse(parse.GetValue(Shard)!);
        var selection = new TargetSelection(parse.GetValue(Filters) ?? [], parse.GetValue(Labels) ?? []);
        foreach (var label in selection.Labels.Where(l => l.TrimStart('!').Length == 0))
            throw BootTestsException.Usage(Stage.Suite, $"--label '{label}' names no label; give e.g. --label quick or --label '!slow'.");
        var timings = parse.GetValue(Timings) is { Length: > 0 } files
            ? TargetTimings.From(SuiteReportFile.ReadAll(files, Stage.Shard).Select(r => r.Report))
            : TargetTimings.None;
        var suite = SuiteLoader.Load(parse.GetValue(File)!);
        return (suite, shard, selection, timings);
    }
}
