using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class BenchmarkFiguresTests
{
    private static LayoutBenchmark Layout(string name, double build, double bootScale, int? memory) => new(
        name, build, 1000, [SampleBoots.Boot(scale: bootScale)],
        new MemoryBisectionResult(memory, null, []));

    [Test]
    public void Ratios_are_seed_over_fast_for_time_and_fast_over_seed_for_memory_each_against_its_target()
    {
        var benchmark = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), Layout("fast", 1, 1, 448));

        var ratios = benchmark.Ratios;

        ratios[0].Value.Should().Be(100);
        ratios[0].Met.Should().BeTrue();
        ratios[1].Value.Should().Be(2.5);
        ratios[1].Met.Should().BeTrue();
        ratios[2].Value.Should().Be(0.875);
        ratios[2].Met.Should().BeTrue();
    }

    [Test]
    public void A_slower_boot_more_memory_or_a_small_build_gain_is_missed()
    {
        var benchmark = new RecipeBenchmark("r", 2048, Layout("seed", 10, 1.5, 448), Layout("fast", 1, 1, 480));

        benchmark.Ratios.Should().OnlyContain(r => !r.Met);
    }

    [Test]
    public void A_memory_bisection_whose_high_value_failed_leaves_the_memory_ratio_missing_and_missed()
    {
        var benchmark = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2, null), Layout("fast", 1, 1, 448));

        benchmark.Ratios[2].Value.Should().BeNull();
        benchmark.Ratios[2].Met.Should().BeFalse();
    }

    [Test]
    public void The_json_holds_the_ratios_and_the_medians()
    {
        var report = new BenchmarkReport(DateTimeOffset.UnixEpoch, "cpu", 2, "tcg", "7.2", 32, 128,
            [new RecipeBenchmark("r", 2048, Layout("seed", 100, 2, 512), Layout("fast", 1, 1, 448))]);

        var json = report.ToJson();

        json.Should().Contain("\"ratios\"").And.Contain("\"medianTotalToSshReady\"").And.Contain("\"smallestPassingMiB\": 448");
    }
}
