using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>Merging shard reports: all of them give the plan's targets once; a missing, duplicated, foreign or half-run shard is refused (or flagged when allowed).</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuiteMergeTests
{
    private static readonly SuitePlan Plan = SuitePlan.Create("sample", SampleSuites.Suite(7).Targets, 3, TargetTimings.None);

    private static (string, SuiteReport) Shard(int index) => ($"/results/shard-{index}/suite.json", SampleSuites.ShardReport(Plan, index));

    private static BootTestsException Refusal(Action merge) =>
        merge.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage && e.Stage == Stage.Merge).Which;

    [Test]
    public void Every_shard_merged_gives_each_planned_target_once_in_suite_order()
    {
        var merged = SuiteMerge.Merge([Shard(3), Shard(1), Shard(2)], allowMissing: false);

        merged.Targets.Select(t => t.Target.Name).Should().Equal(SampleSuites.Suite(7).Targets.Select(t => t.Name));
        merged.Shards.Select(s => s.Index).Should().Equal(1, 2, 3);
        merged.MissingShards.Should().BeEmpty();
        merged.ExitCode.Should().Be(0);
        merged.Verdict.Should().Be("pass");
    }

    [Test]
    public void A_missing_shard_is_refused_naming_it_and_its_targets()
    {
        var error = Refusal(() => SuiteMerge.Merge([Shard(1), Shard(3)], allowMissing: false));

        error.Message.Should().Contain("shard 2 of 3 is missing").And.Contain(string.Join(", ", Plan.In(2).Select(t => t.Name))).And.Contain("--allow-missing");
    }

    [Test]
    public void Allowed_a_missing_shard_is_flagged_its_targets_not_run_and_the_merge_fails()
    {
        var merged = SuiteMerge.Merge([Shard(1), Shard(3)], allowMissing: true);

        merged.MissingShards.Should().Equal(2);
        merged.NotRun.Select(p => p.Name).Should().Equal(Plan.In(2).Select(t => t.Name));
        merged.ExitCode.Should().Be(1);
        SuiteSummary.Totals(merged).Should().Contain("not-run (shard 2 missing)");
    }

    [Test]
    public void A_shard_given_twice_is_refused_naming_both_files()
    {
        var error = Refusal(() => SuiteMerge.Merge([Shard(1), Shard(2), ("/elsewhere/suite.json", Shard(2).Item2), Shard(3)], allowMissing: true));

        error.Message.Should().Contain("shard 2/3 is in both /results/shard-2/suite.json and /elsewhere/suite.json");
    }

    [Test]
    public void Shards_of_different_plans_are_refused_since_a_target_could_run_twice_or_never()
    {
        var otherPlan = SuitePlan.Create("sample", SampleSuites.Suite(7).Targets, 2, TargetTimings.None);

        var error = Refusal(() => SuiteMerge.Merge([Shard(1), ("/other/suite.json", SampleSuites.ShardReport(otherPlan, 2))], allowMissing: true));

        error.Message.Should().Contain("did not share one plan").And.Contain(otherPlan.Digest).And.Contain(Plan.Digest);
    }

    [Test]
    public void A_shard_stopped_part_way_is_refused_unless_allowed()
    {
        var (path, full) = Shard(2);
        var half = full with { Targets = full.Targets.Take(1).ToList() };

        Refusal(() => SuiteMerge.Merge([Shard(1), (path, half), Shard(3)], allowMissing: false)).Message.Should().Contain("shard 2").And.Contain("stopped part-way");
        SuiteMerge.Merge([Shard(1), (path, half), Shard(3)], allowMissing: true).NotRun.Should().ContainSingle();
    }

    [Test]
    public void A_target_in_a_shard_the_plan_does_not_give_it_is_refused()
    {
        var (path, report) = Shard(1);
        var moved = report with { Targets = [.. report.Targets, SampleSuites.Result(Plan.In(2)[0], 1)] };

        Refusal(() => SuiteMerge.Merge([(path, moved), Shard(2), Shard(3)], allowMissing: false)).Message.Should().Contain("does not put in shard 1");
    }

    [Test]
    public void No_report_at_all_is_refused() =>
        Refusal(() => SuiteMerge.Merge([], allowMissing: true)).Message.Should().Contain("no suite reports were given");

    [Test]
    public void Run_folders_become_relative_to_the_merged_report()
    {
        var merged = SuiteMerge.Merge([Shard(1), Shard(2), Shard(3)], allowMissing: false, outFolder: "/results/merged");

        merged.Targets[0].RunFolder.Should().Be($"../shard-{merged.Targets[0].Shard}/runs/{merged.Targets[0].Target.Name}/1");
    }

    [Test]
    public void A_report_written_and_read_back_is_equal_and_a_file_that_is_not_one_is_refused()
    {
        using var folder = new TempDirectory();
        var report = SuiteMerge.Merge([Shard(1), Shard(2), Shard(3)], allowMissing: false);
        SuiteReportFile.Write(report, folder.Combine("suite.json"));

        SuiteReportFile.Read(folder.Path, Stage.Merge).Should().BeEquivalentTo(report);
        File.WriteAllText(folder.Combine("other.json"), """{ "format": "something-else" }""");
        ((Action)(() => SuiteReportFile.Read(folder.Combine("other.json"), Stage.Merge))).Should().Throw<BootTestsException>()
            .WithMessage("*other.json' is not a suite report of format boottests-suite-1 (it says 'something-else')*");
        ((Action)(() => SuiteReportFile.ReadAll([folder.Combine("nothing-here")], Stage.Merge))).Should().Throw<BootTestsException>().WithMessage("*does not exist*");
    }
}
