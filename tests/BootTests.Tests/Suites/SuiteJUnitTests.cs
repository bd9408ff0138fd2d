using System.Xml.Linq;
using BootTests.Suites;

namespace BootTests.Tests.Suites;

/// <summary>JUnit for a suite: a testsuite per target named SUITE/TARGET (no collisions across a matrix or shards), known failures skipped with their reason, a failed boot as "boot".</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SuiteJUnitTests
{
    private static readonly SuitePlan Plan = SuitePlan.Create("sample", SampleSuites.Suite(4).Targets, 2, TargetTimings.None);
    private static readonly KnownFailure Known = new("t03", "no-boot-errors", "OVMF warns", "https://tracker.example/7", new DateOnly(2027, 1, 31));

    private static XDocument Xml()
    {
        var report = SuiteMerge.Merge([
            ("/a/suite.json", SampleSuites.ShardReport(Plan, 1, t => t.Name == "t01" ? SampleReports.WithBootFailure : SampleSuites.Run())),
        ], allowMissing: true);
        var t03 = Plan.Targets.Single(t => t.Target.Name == "t03");
        report = report with
        {
            Targets = report.Targets.Select(t => t.Target.Name == "t03" ? SampleSuites.Result(t03.Target, t03.Shard, SampleSuites.Run(30, "no-boot-errors"), known: [Known]) : t).ToList(),
        };
        return SuiteJUnit.ToXml(report);
    }

    [Test]
    public void Each_target_is_a_testsuite_named_by_suite_and_target()
    {
        var names = Xml().Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value).ToList();

        names.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(["sample/t01", "sample/t02", "sample/t03", "sample/t04"]);
    }

    [Test]
    public void A_failed_boot_is_the_test_case_boot_with_the_console_tail()
    {
        var t01 = Xml().Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "sample/t01");

        var boot = t01.Elements("testcase").Single(c => c.Attribute("name")!.Value == "boot");
        boot.Element("failure")!.Attribute("message")!.Value.Should().StartWith("ssh: SSH to 127.0.0.1:2222");
        boot.Element("system-out")!.Value.Should().Contain("Kernel panic");
        t01.Elements("properties").Elements("property").Should().Contain(p => p.Attribute("name")!.Value == "outcome" && p.Attribute("value")!.Value == "boot-failed");
    }

    [Test]
    public void A_known_failure_is_skipped_with_its_reason_tracker_and_expiry()
    {
        var t03 = Xml().Root!.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "sample/t03");

        var skipped = t03.Elements("testcase").Single(c => c.Attribute("name")!.Value == "no-boot-errors").Element("skipped")!;
        skipped.Attribute("message")!.Value.Should().Contain("OVMF warns").And.Contain("https://tracker.example/7").And.Contain("2027-01-31");
        t03.Attribute("failures")!.Value.Should().Be("0");
        t03.Attribute("skipped")!.Value.Should().Be("1");
    }

    [Test]
    public void A_target_of_a_missing_shard_is_an_error_not_run()
    {
        var root = Xml().Root!;
        var notRun = root.Elements("testsuite").Where(s => s.Descendants("testcase").Any(c => c.Attribute("name")!.Value == "not-run")).Select(s => s.Attribute("name")!.Value);

        notRun.Should().Equal("sample/t02", "sample/t04");
        root.Attribute("errors")!.Value.Should().Be("2");
        root.Attribute("failures")!.Value.Should().Be("1");
    }
}
