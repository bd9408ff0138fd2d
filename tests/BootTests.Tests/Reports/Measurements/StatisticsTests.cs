using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureStatisticsTests
{
    [Test]
    public void An_odd_count_has_the_middle_value_as_median_and_p90_by_nearest_rank()
    {
        var stats = Statistics.Of([5, 1, 4, 2, 3]);

        stats.Should().BeEquivalentTo(new { Count = 5, Min = 1.0, Median = 3.0, P90 = 5.0, Max = 5.0 });
        stats.StdDev.Should().BeApproximately(1.5811, 1e-4);
    }

    [Test]
    public void An_even_count_has_the_mean_of_the_two_middle_values_as_median()
    {
        Statistics.Of([4, 1, 3, 2]).Median.Should().Be(2.5);
    }

    [Test]
    public void P90_of_ten_values_is_the_ninth_and_of_eleven_the_tenth()
    {
        Statistics.Of(Enumerable.Range(1, 10).Select(i => (double)i)).P90.Should().Be(9);
        Statistics.Of(Enumerable.Range(1, 11).Select(i => (double)i)).P90.Should().Be(10);
    }

    [Test]
    public void A_single_value_is_every_statistic_with_a_standard_deviation_of_0()
    {
        Statistics.Of([24.1]).Should().Be(new Statistics(1, 24.1, 24.1, 24.1, 24.1, 0));
    }

    [Test]
    public void No_values_are_refused()
    {
        var act = () => Statistics.Of([]);

        act.Should().Throw<ArgumentException>();
    }
}
