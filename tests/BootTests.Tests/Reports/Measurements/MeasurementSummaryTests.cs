using System.Text.Json;
using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasurementSummaryTests
{
    [Test]
    public void The_json_summary_has_statistics_per_layout_and_stage_and_every_boot()
    {
        var boots = new[] { SampleBoots.Boot("seed", scale: 2), SampleBoots.Boot("fast"), SampleBoots.Boot("fast", scale: 1.2) };

        using var json = JsonDocument.Parse(MeasurementSummary.Of(boots).ToJson());

        var layouts = json.RootElement.GetProperty("layouts");
        layouts.EnumerateArray().Select(l => l.GetProperty("layout").GetString()).Should().Equal("seed", "fast");
        var fastTotal = layouts[1].GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == Stages.TotalToSshReady);
        fastTotal.GetProperty("statistics").GetProperty("median").GetDouble().Should().BeApproximately(33.77, 1e-9);
        json.RootElement.GetProperty("records").GetArrayLength().Should().Be(3);
        json.RootElement.GetProperty("baseline").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public void The_cpu_model_is_the_first_model_name_of_cpuinfo()
    {
        HostCpu.ModelName("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\nprocessor\t: 1\nmodel name\t: other\n")
            .Should().Be("AMD EPYC 7B13 64-Core Processor");
        HostCpu.ModelName("processor\t: 0\nBogoMIPS\t: 50.00\n").Should().Be("unknown");
    }
}
