using BootTests.Reports.Measurements;
using BootTests.Suites;

namespace BootTests.Tests.Cli;

/// <summary>`boottest suite` and `boottest history` as the real CLI, without booting: listing, bad input (exit 3, one line, where), merge refusals, compare's exit code.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuiteCliTests
{
    private static readonly SuitePlan Plan = SuitePlan.Create("sample", SampleSuites.Suite(4).Targets, 2, TargetTimings.None);

    private static string Suite => Repository.PathOf("vm/suites/regression.json");

    [Test]
    public async Task List_shows_every_target_its_shard_and_the_plan()
    {
        var result = await BoottestCli.RunAsync("suite", "list", Suite, "--shard", "2/2");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("fast-grub-uefi").And.Contain("in 2 shards: 1: 5 targets").And.MatchRegex("plan [0-9a-f]{16}");
        result.StandardOutput.Should().Contain("fast-direct ").And.NotContain("fast-grub ", "only shard 2's targets are listed with --shard 2/2");
    }

    [Test]
    public async Task A_bad_suite_file_exits_3_with_one_line_naming_file_line_and_column_before_anything_boots()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Combine("bad suite.json");
        await File.WriteAllTextAsync(path, "{ \"name\": \"x\",\n  \"targets\": [ { \"name\": \"a\", \"layout\": \"slow\" } ] }");

        var result = await BoottestCli.RunAsync("suite", "run", path, "--out", dir.Combine("out"));

        result.ExitCode.Should().Be(3);
        result.StandardError.Trim().Should().Be($"boottest: suite: Suite {path}:2:41: 'targets[0].layout' is 'slow'; a layout is seed or fast.");
        Directory.Exists(dir.Combine("out")).Should().BeFalse("nothing is written before the suite is checked");
    }

    [TestCase("--shard", "0/2", "--shard '0/2' is not I/N")]
    [TestCase("--label", "nope", "--label 'nope' selects none of the 9 targets")]
    [TestCase("--timings", "/nonexistent/suite.json", "'/nonexistent/suite.json' does not exist")]
    public async Task A_bad_option_exits_3_naming_it(string option, string value, string expected)
    {
        var result = await BoottestCli.RunAsync("suite", "run", Suite, option, value, "--out", Path.Combine(Path.GetTempPath(), "never-written"));

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain(expected).And.NotContain("   at ");
    }

    [Test]
    public async Task Merge_refuses_a_missing_shard_with_exit_3_and_merges_all_of_them_with_the_verdict()
    {
        using var dir = new ScratchDirectory();
        SuiteRunner.Write(SampleSuites.ShardReport(Plan, 1), dir.Combine("shard-1"));

        var refused = await BoottestCli.RunAsync("suite", "merge", dir.Path, "--out", dir.Combine("merged"));
        SuiteRunner.Write(SampleSuites.ShardReport(Plan, 2, t => t.Name == "t02" ? SampleSuites.Run(30, "fstab-empty") : SampleSuites.Run()), dir.Combine("shard-2"));
        var merged = await BoottestCli.RunAsync("suite", "merge", dir.Path, "--out", dir.Combine("merged"), "--markdown", dir.Combine("summary.md"));

        refused.ExitCode.Should().Be(3);
        refused.StandardError.Should().Contain("shard 2 of 2 is missing");
        merged.ExitCode.Should().Be(1, merged.StandardOutput + merged.StandardError);
        merged.StandardOutput.Should().Contain("t02").And.Contain("check-failed").And.Contain("4 targets: 1 check-failed, 3 pass");
        File.ReadAllText(dir.Combine("summary.md")).Should().Contain("| t02 | 2 | **check-failed** |");
        File.Exists(dir.Combine("merged", "report.html")).Should().BeTrue();
    }

    [Test]
    public async Task Compare_exits_1_on_a_new_failure_and_0_on_none()
    {
        using var dir = new ScratchDirectory();
        var one = SuitePlan.Create("sample", SampleSuites.Suite(2).Targets, 1, TargetTimings.None);
        SuiteRunner.Write(SampleSuites.ShardReport(one, 1), dir.Combine("before"));
        SuiteRunner.Write(SampleSuites.ShardReport(one, 1, t => t.Name == "t01" ? SampleSuites.Run(30, "no-boot-errors") : SampleSuites.Run()), dir.Combine("after"));

        var worse = await BoottestCli.RunAsync("suite", "compare", dir.Combine("before"), dir.Combine("after"));
        var same = await BoottestCli.RunAsync("suite", "compare", dir.Combine("before"), dir.Combine("before"));

        worse.ExitCode.Should().Be(1);
        worse.StandardOutput.Should().Contain("new failures (1):").And.Contain("t01  no-boot-errors").And.Contain("verdict: worse");
        same.ExitCode.Should().Be(0);
    }

    [Test]
    public async Task History_merge_writes_one_history_from_two_hosts()
    {
        using var dir = new ScratchDirectory();
        History.WriteAll(dir.Combine("a.jsonl"), [SampleBoots.Boot(minute: 2) with { Host = SampleSuites.Host, Label = "c1" }]);
        History.WriteAll(dir.Combine("b.jsonl"), [SampleBoots.Boot(minute: 1) with { Host = SampleSuites.Host with { Cores = 8 } }]);

        var result = await BoottestCli.RunAsync("history", "merge", dir.Combine("a.jsonl"), dir.Combine("b.jsonl"), "--out", dir.Combine("all.jsonl"));

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("2 boots").And.Contain("×8").And.Contain("labels c1");
        History.Read(dir.Combine("all.jsonl")).Select(r => r.Date.Minute).Should().Equal(1, 2);
    }
}
