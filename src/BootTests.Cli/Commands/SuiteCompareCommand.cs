using System.CommandLine;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite compare BEFORE AFTER`: new failures, fixed ones, and stages slower beyond a threshold; exit 1 when the later run is worse.</summary>
public static class SuiteCompareCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("BEFORE") { Description = "The earlier run's suite.json (or its folder)" };
        var after = new Argument<string>("AFTER") { Description = "The later run's suite.json (or its folder)" };
        var maxSlowdown = CommonOptions.Percentage("--max-slowdown", $"A stage counts as slower above this percentage (default {SuiteComparison.DefaultMaxSlowdownPercent})");
        var minSeconds = CommonOptions.Percentage("--min-seconds", $"…and only when it is this many seconds slower, so TCG noise is not a regression (default {SuiteComparison.DefaultMinSeconds})");
        var command = new Command("compare", "Show what changed between two suite runs: new failures, fixed, slower stages") { before, after, maxSlowdown, minSeconds };
        command.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var a = SuiteReportFile.Read(parse.GetValue(before)!, Stage.Compare);
            var b = SuiteReportFile.Read(parse.GetValue(after)!, Stage.Compare);
            if (a.Suite != b.Suite)
                Console.Error.WriteLine($"note: comparing suite '{a.Suite}' with suite '{b.Suite}': only targets of the same name are compared.");
            var comparison = SuiteComparison.Compare(a, b, parse.GetValue(maxSlowdown) ?? SuiteComparison.DefaultMaxSlowdownPercent,
                parse.GetValue(minSeconds) ?? SuiteComparison.DefaultMinSeconds);
            Console.WriteLine($"{parse.GetValue(before)} ({a.Targets.Count} targets, {a.Verdict}) → {parse.GetValue(after)} ({b.Targets.Count} targets, {b.Verdict})");
            foreach (var line in comparison.Lines()) Console.WriteLine(line);
            Console.WriteLine(comparison.Regressed ? "verdict: worse (new failures or slower stages)" : "verdict: no new failure, no stage slower than allowed");
            return Task.FromResult(comparison.Regressed ? (int)ExitCode.CheckFailed : 0);
        }, ct));
        return command;
    }
}
