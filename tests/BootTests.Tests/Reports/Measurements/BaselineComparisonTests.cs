using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureBaselineComparisonTests
{
    [Test]
    public void A_median_above_the_allowed_percentage_is_a_regression_with_both_figures()
    {
        var comparison = BaselineComparison.Compare([SampleBoots.Boot(scale: 1.2)], [SampleBoots.Boot(), SampleBoots.Boot()], 10);

        var total = comparison.Regressions.Should().Contain(s => s.Stage == Stages.TotalToSshReady).Subject;
        total.CurrentMedian.Should().BeApproximately(36.84, 1e-9);
        total.BaselineMedian.Should().Be(30.7);
        total.Describe().Should().Contain("36.84").And.Contain("30.70").And.Contain("fast/tcg");
        comparison.Stages.Should().HaveCount(7);
    }

    [Test]
    public void A_median_within_the_allowed_percentage_is_no_regression()
    {
        var comparison = BaselineComparison.Compare([SampleBoots.Boot(scale: 1.05)], [SampleBoots.Boot()], 10);

        comparison.Regressions.Should().BeEmpty();
        comparison.Stages.Should().OnlyContain(s => s.BaselineMedian != null);
    }

    [Test]
    public void Boots_under_another_accelerator_are_never_compared()
    {
        var comparison = BaselineComparison.Compare([SampleBoots.Boot(accelerator: "tcg", scale: 10)], [SampleBoots.Boot(accelerator: "kvm")], 10);

        comparison.Regressions.Should().BeEmpty();
        comparison.Stages.Should().OnlyContain(s => s.BaselineMedian == null && s.Accelerator == "tcg");
        comparison.Stages[0].Describe().Should().Contain("no baseline");
    }

    [Test]
    public void Boots_of_another_layout_are_never_compared()
    {
        var comparison = BaselineComparison.Compare([SampleBoots.Boot("seed", scale: 2)], [SampleBoots.Boot("fast")], 10);

        comparison.Stages.Should().OnlyContain(s => s.BaselineMedian == null && !s.Regressed);
    }

    [Test]
    public void A_stage_missing_from_the_baseline_is_listed_without_a_baseline_figure()
    {
        var old = SampleBoots.Boot() with { Milestones = SampleBoots.Milestones().Where(m => m.Name != "extract-begin").ToList() };

        var comparison = BaselineComparison.Compare([SampleBoots.Boot(scale: 3)], [old], 10);

        var extraction = comparison.Stages.Single(s => s.Stage == Stages.PayloadExtraction);
        extraction.BaselineMedian.Should().BeNull();
        extraction.Regressed.Should().BeFalse();
        comparison.Regressions.Should().Contain(s => s.Stage == Stages.KernelToInit);
    }
}
