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

    private static LayoutBenchmark FastWithTmpfs(double tmpfsMBps, long treeBytes) => new(
        "fast", 1, 1000, [SampleBoots.Boot() with { TmpfsWriteMBps = tmpfsMBps }], new MemoryBisectionResult(448, null, []), treeBytes);

    [Test]
    public void The_payload_is_held_within_2x_of_the_guests_own_tmpfs_write_speed()
    {
        // The sample fast boot unpacks for 3.9 s: 390 MB of tree is 100 MB/s.
        var within = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), FastWithTmpfs(180, 390_000_000));
        var beyond = within with { Fast = FastWithTmpfs(250, 390_000_000) };

        within.Fast.PayloadMBps.Should().Be(100);
        within.Ratios[3].Value.Should().Be(1.8);
        within.Ratios[3].Met.Should().BeTrue();
        beyond.Ratios[3].Value.Should().Be(2.5);
        beyond.Ratios[3].Met.Should().BeFalse();
    }

    [Test]
    public void Harness_overhead_over_1_s_is_met_only_within_0_2_s_of_openssh_in_the_same_boot()
    {
        // The sample's sshd-started to ssh-ready is 4.5 s.
        var alone = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), Layout("fast", 1, 1, 448));
        var close = alone with { Race = new SshRace(10, 11.15, 11.0) };
        var behind = alone with { Race = new SshRace(10, 12, 11) };

        alone.Ratios[4].Value.Should().Be(4.5);
        alone.Ratios[4].Met.Should().BeFalse();
        close.Ratios[4].Met.Should().BeTrue();
        behind.Ratios[4].Met.Should().BeFalse();
    }

    [Test]
    public void The_ipxe_path_is_held_to_2x_of_an_earlier_history_and_missed_without_one()
    {
        var boots = new IpxeBenchmark([SampleBoots.Boot("fast/ipxe")], BaselineMedian: 61.4, BaselineBoots: 2);
        var faster = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), Layout("fast", 1, 1, 448)) { Ipxe = boots };
        var unknown = faster with { Ipxe = boots with { BaselineMedian = null, BaselineBoots = 0 } };

        faster.Ratios[5].Value.Should().Be(2);
        faster.Ratios[5].Met.Should().BeTrue();
        unknown.Ratios[5].Value.Should().BeNull();
        unknown.Ratios[5].Met.Should().BeFalse();
        new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), Layout("fast", 1, 1, 448)).Ratios.Should().HaveCount(5, "no iPXE boots, no iPXE target");
    }

    [Test]
    public void The_full_recipe_is_held_to_3x()
    {
        var full = new RecipeBenchmark("r", 2048, Layout("seed", 100, 2.5, 512), Layout("fast", 1, 1, 448)) { BootTarget = 3 };

        full.Ratios[1].Target.Should().Be("≥ 3x");
        full.Ratios[1].Met.Should().BeFalse();
    }
}
