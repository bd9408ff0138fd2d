using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

/// <summary>The host load recorded with each timed boot, and the range the benchmark prints beside its figures.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class HostLoadTests
{
    [TestCase("0.80 1.60 1.77 2/151 12345\n", 0.8)]
    [TestCase("12.5 9.1 7.0 3/400 99", 12.5)]
    public void The_one_minute_load_is_the_first_field_of_proc_loadavg(string loadavg, double expected) =>
        HostLoad.OneMinute(loadavg).Should().Be(expected);

    [Test]
    public void Text_that_is_not_a_load_average_gives_none() =>
        HostLoad.OneMinute("").Should().BeNull();

    [Test]
    public void This_host_has_one() =>
        HostLoad.ReadOneMinute().Should().BeGreaterThanOrEqualTo(0);

    [Test]
    public void The_range_spans_the_boots_that_recorded_a_load_and_ignores_the_others()
    {
        BootRecord[] boots =
        [
            SampleBoots.Boot() with { HostLoad1 = 2.34 },
            SampleBoots.Boot(),
            SampleBoots.Boot() with { HostLoad1 = 0.81 },
        ];

        HostLoad.Range(boots).Should().Be("0.8–2.3");
        HostLoad.Range([SampleBoots.Boot()]).Should().BeNull();
    }
}
