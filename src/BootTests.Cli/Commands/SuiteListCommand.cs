using System.CommandLine;
using System.Text.Json;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite list SUITE`: the selected targets, their shards and expected seconds, without booting anything.</summary>
public static class SuiteListCommand
{
    public static Command Create()
    {
        var suiteOptions = new SuiteOptions();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (name, shard, expected seconds, the target) instead of a table" };
        var command = new Command("list", "Check a suite file and show its targets and how --shard splits them (nothing is built or booted)") { json };
        suiteOptions.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var (suite, shard, selection, timings) = suiteOptions.Parse(parse);
            var plan = SuitePlan.Create(suite.Name, selection.Apply(suite), shard.Count, timings);
            var shown = parse.GetResult(suiteOptions.Shard) is { Implicit: false } ? plan.Targets.Where(t => t.Shard == shard.Index).ToList() : plan.Targets;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(shown.Select(t => new { t.Target.Name, t.Shard, t.ExpectedSeconds, t.Target }), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                return Task.FromResult(0);
            }
            var width = Math.Max(6, shown.Max(t => t.Target.Name.Length));
            Console.WriteLine($"{"target".PadRight(width)}  shard  expected  labels            recipe layout boot memory append");
            foreach (var t in shown)
                Console.WriteLine($"{t.Target.Name.PadRight(width)}  {t.Shard,5}  {t.ExpectedSeconds,6:F0} s  {string.Join(",", t.Target.Labels),-16}  {t.Target.Describe()}");
            Console.WriteLine($"suite {suite.Name}: {plan.Targets.Count} of {suite.Targets.Count} targets ({selection.Describe()}) in {plan.ShardCount} shard{(plan.ShardCount == 1 ? "" : "s")}: "
                + string.Join(", ", Enumerable.Range(1, plan.ShardCount).Select(i => $"{i}: {plan.In(i).Count} targets, {plan.ExpectedSeconds(i):F0} s")) + $"; plan {plan.Digest}");
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
