using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>Comparing two runs: new failures, fixed ones, slower stages beyond both thresholds, and no time compared across unlike hosts.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuiteComparisonTests
{
    private static readonly SuitePlan Plan = SuitePlan.Create("sample", SampleSuites.Suite(3).Targets, 1, TargetTimings.None);

    private static SuiteReport Report(Func<SuiteTarget, BootTests.Reports.RunReport>? run = null, BootTests.Reports.Measurements.HostClass? host = null) =>
        SampleSuites.ShardReport(Plan, 1, run, host);

    [Test]
    public void A_check_that_passed_before_and_fails_now_is_a_new_failure_and_the_reverse_is_fixed()
    {
        var before = Report(t => t.Name == "t01" ? SampleSuites.Run(30, "fstab-empty") : SampleSuites.Run());
        var after = Report(t => t.Name == "t02" ? SampleSuites.Run(30, "root-is-tmpfs") : SampleSuites.Run());

        var comparison = SuiteComparison.Compare(before, after);

        comparison.NewFailures.Should().ContainSingle().Which.Should().Match<FailureChange>(f => f.Target == "t02" && f.Check == "root-is-tmpfs");
        comparison.Fixed.Should().ContainSingle().Which.Should().Match<FailureChange>(f => f.Target == "t01" && f.Check == "fstab-empty");
        comparison.Regressed.Should().BeTrue();
        comparison.Lines().Should().Contain("new failures (1):").And.Contain(l => l.Contains("t02  root-is-tmpfs"));
    }

    [Test]
    public void The_same_run_twice_has_no_change()
    {
        var comparison = SuiteComparison.Compare(Report(), Report());

        comparison.Regressed.Should().BeFalse();
        comparison.NewFailures.Concat(comparison.Fixed).Concat(comparison.StillFailing).Should().BeEmpty();
        comparison.Slower.Should().BeEmpty();
    }

    [Test]
    public void A_stage_slower_beyond_the_percentage_and_the_seconds_is_reported()
    {
        var comparison = SuiteComparison.Compare(Report(_ => SampleSuites.Run(30)), Report(t => SampleSuites.Run(t.Name == "t03" ? 45 : 30)), 20, 1);

        comparison.Slower.Should().NotBeEmpty().And.OnlyContain(s => s.Target == "t03");
        comparison.Slower.Should().Contain(s => s.Stage == "total-to-ssh-ready" && s.BeforeSeconds == 30 && s.AfterSeconds == 45);
        comparison.Regressed.Should().BeTrue();
    }

    [Test]
    public void A_slowdown_under_either_threshold_is_noise()
    {
        SuiteComparison.Compare(Report(_ => SampleSuites.Run(30)), Report(_ => SampleSuites.Run(33)), 20, 1).Slower.Should().BeEmpty("10 % is under 20 %");
        SuiteComparison.Compare(Report(_ => SampleSuites.Run(3)), Report(_ => SampleSuites.Run(4.5)), 20, 2).Slower.Should().BeEmpty("1.5 s is under 2 s");
    }

    [Test]
    public void Times_from_another_host_class_or_accelerator_are_not_compared_and_say_why()
    {
        var otherHost = SampleSuites.Host with { QemuVersion = "QEMU emulator version 8.2.2", Cores = 8 };
        var kvm = SampleSuites.Run(3) with { Accelerator = "kvm" };

        var acrossHosts = SuiteComparison.Compare(Report(_ => SampleSuites.Run(30)), Report(_ => SampleSuites.Run(60), otherHost));
        var acrossAccelerators = SuiteComparison.Compare(Report(_ => kvm), Report(_ => SampleSuites.Run(60)));

        acrossHosts.Slower.Should().BeEmpty();
        acrossHosts.NotCompared.Should().HaveCount(3).And.OnlyContain(n => n.Contains("cores 2 → 8") && n.Contains("QEMU emulator version 7.2.22 → QEMU emulator version 8.2.2"));
        acrossAccelerators.Slower.Should().BeEmpty();
        acrossAccelerators.NotCompared.Should().OnlyContain(n => n.Contains("accelerator kvm → tcg"));
    }

    [Test]
    public void Targets_only_in_one_run_are_listed_as_added_or_removed()
    {
        var before = Report();
        var after = before with { Targets = [.. before.Targets.Skip(1), SampleSuites.Result(SampleSuites.Target("t09"), 1)] };

        var comparison = SuiteComparison.Compare(before, after);

        comparison.Added.Should().Equal("t09");
        comparison.Removed.Should().Equal("t01");
    }

    [Test]
    public void An_expected_failure_is_neither_new_nor_fixed()
    {
        var known = new KnownFailure("t01", "fstab-empty", "known", "https://tracker.example/1", new DateOnly(2027, 1, 1));
        var before = Report();
        var after = before with { Targets = [SampleSuites.Result(Plan.Targets[0].Target, 1, SampleSuites.Run(30, "fstab-empty"), known: [known]), .. before.Targets.Skip(1)] };

        SuiteComparison.Compare(before, after).Regressed.Should().BeFalse();
    }
}
