using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>Shards: every target in exactly one, balanced by expected seconds where earlier runs know them, the same split everywhere.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuitePlanTests
{
    private static IReadOnlyList<SuiteTarget> Targets(int count) => SampleSuites.Suite(count).Targets;

    [Test]
    public void Every_target_is_in_exactly_one_shard_for_every_shard_count([Values(1, 2, 3, 5, 8, 13)] int shards)
    {
        var plan = SuitePlan.Create("sample", Targets(13), shards, TargetTimings.None);

        var union = Enumerable.Range(1, shards).SelectMany(plan.In).Select(t => t.Name).ToList();
        union.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Targets(13).Select(t => t.Name));
        Enumerable.Range(1, shards).Select(i => plan.In(i).Count).Should().OnlyContain(n => n >= 13 / shards && n <= 13 / shards + 1,
            "without timings every target weighs the same, so shard sizes differ by at most one");
    }

    [Test]
    public void The_same_inputs_give_the_same_split_and_digest()
    {
        var timings = new TargetTimings(new Dictionary<string, double> { ["t03"] = 90, ["t07"] = 12.5 });

        var a = SuitePlan.Create("sample", Targets(9), 3, timings);
        var b = SuitePlan.Create("sample", Targets(9), 3, new TargetTimings(new Dictionary<string, double>(timings.Seconds)));

        b.Targets.Should().Equal(a.Targets);
        b.Digest.Should().Be(a.Digest);
    }

    [Test]
    public void Known_durations_balance_the_shards_longest_first()
    {
        // One long target and eight short ones: counting targets would put the long one with three short ones.
        var timings = new TargetTimings(Targets(9).ToDictionary(t => t.Name, t => t.Name == "t01" ? 100.0 : 12.0));

        var plan = SuitePlan.Create("sample", Targets(9), 2, timings);

        var longShard = plan.Targets.Single(t => t.Target.Name == "t01").Shard;
        plan.In(longShard).Select(t => t.Name).Should().Equal("t01");
        plan.ExpectedSeconds(3 - longShard).Should().Be(96);
    }

    [Test]
    public void A_target_no_earlier_run_knows_is_expected_to_take_the_median_of_those_it_knows()
    {
        var timings = new TargetTimings(new Dictionary<string, double> { ["t01"] = 10, ["t02"] = 20, ["t03"] = 60 });

        var plan = SuitePlan.Create("sample", Targets(4), 2, timings);

        plan.Targets.Single(t => t.Target.Name == "t04").ExpectedSeconds.Should().Be(20);
        SuitePlan.Create("sample", Targets(2), 1, TargetTimings.None).Targets.Should().OnlyContain(t => t.ExpectedSeconds == SuitePlan.DefaultSeconds);
    }

    [Test]
    public void A_different_split_has_a_different_digest()
    {
        var two = SuitePlan.Create("sample", Targets(6), 2, TargetTimings.None);
        var three = SuitePlan.Create("sample", Targets(6), 3, TargetTimings.None);
        var reweighed = SuitePlan.Create("sample", Targets(6), 2, new TargetTimings(new Dictionary<string, double> { ["t01"] = 500, ["t02"] = 10 }));

        new[] { two.Digest, three.Digest, reweighed.Digest }.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Timings_are_read_from_earlier_suite_reports()
    {
        var plan = SuitePlan.Create("sample", Targets(2), 1, TargetTimings.None);
        var report = SampleSuites.ShardReport(plan, 1);

        TargetTimings.From([report]).Seconds.Should().BeEquivalentTo(new Dictionary<string, double> { ["t01"] = 42, ["t02"] = 42 });
    }

    [TestCase("1/2", 1, 2)]
    [TestCase("3/3", 3, 3)]
    [TestCase("1/1", 1, 1)]
    public void A_shard_is_written_I_slash_N(string text, int index, int count) =>
        ShardSpec.Parse(text).Should().Be(new ShardSpec(index, count));

    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("1/0")]
    [TestCase("2")]
    [TestCase("a/b")]
    [TestCase("-1/2")]
    [TestCase("1/2/3")]
    [TestCase("1/1001")]
    public void Anything_else_is_a_usage_error_naming_the_option(string text)
    {
        var error = ((Action)(() => ShardSpec.Parse(text))).Should().Throw<BootTestsException>().Which;

        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Message.Should().Contain($"--shard '{text}'").And.Contain("1/2");
    }
}
