using System.Xml.Linq;
using BootTests.Reports;

namespace BootTests.Tests.Reports;

[TestFixture]
[Category(Categories.Unit)]
public sealed class JUnitReportWriterTests
{
    private static XElement WriteAndParse(RunReport report)
    {
        var path = Path.Combine(Path.GetTempPath(), "boottests-junit-" + Guid.NewGuid().ToString("N")[..8] + ".xml");
        try
        {
            JUnitReportWriter.Write(report, path);
            return XDocument.Load(path).Root!;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static XElement Suite(RunReport report) => WriteAndParse(report).Element("testsuite")!;

    [Test]
    public void The_suite_is_named_by_recipe_layout_and_boot_path_and_holds_the_boot_and_each_check_with_its_time()
    {
        var root = WriteAndParse(SampleReports.Passing);
        var suite = root.Element("testsuite")!;

        root.Name.LocalName.Should().Be("testsuites");
        suite.Attribute("name")!.Value.Should().Be("debian-bookworm/fast/initramfs");
        suite.Attribute("tests")!.Value.Should().Be("3");
        suite.Attribute("failures")!.Value.Should().Be("0");
        suite.Attribute("time")!.Value.Should().Be("40.25");
        suite.Attribute("timestamp")!.Value.Should().Be("2026-12-01T11:02:26");
        suite.Elements("testcase").Select(c => (c.Attribute("classname")!.Value, c.Attribute("name")!.Value, c.Attribute("time")!.Value)).Should().Equal(
            ("boottests.debian-bookworm.fast.initramfs", "boot", "31.5"),
            ("boottests.debian-bookworm.fast.initramfs", "root-is-tmpfs", "0.42"),
            ("boottests.debian-bookworm.fast.initramfs", "fstab-empty", "0.2"));
        suite.Descendants("failure").Should().BeEmpty();
    }

    [Test]
    public void Two_targets_of_a_ci_matrix_get_suites_of_different_names()
    {
        var grub = SampleReports.Passing with { BootVia = "grub" };
        var seed = SampleReports.Passing with { Target = "debian-bookworm/seed" };

        new[] { SampleReports.Passing, grub, seed }.Select(r => Suite(r).Attribute("name")!.Value).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void The_boot_test_case_is_there_when_the_boot_passed_with_the_console_log_attached()
    {
        var boot = Suite(SampleReports.Passing).Elements("testcase").First();

        boot.Attribute("name")!.Value.Should().Be("boot");
        boot.Element("failure").Should().BeNull();
        boot.Element("system-out")!.Value.Should().Contain("ssh-ready 31.5 s").And.EndWith("[[ATTACHMENT|/runs/1/console.log]]");
    }

    [Test]
    public void A_failed_check_carries_expected_and_actual_in_its_failure_message()
    {
        var suite = Suite(SampleReports.WithFailedCheck);

        var failure = suite.Elements("testcase").Single(c => c.Attribute("name")!.Value == "root-is-tmpfs").Element("failure");
        failure!.Attribute("message")!.Value.Should().Be("expected tmpfs, 1536 MiB, actual rootfs");
        suite.Attribute("failures")!.Value.Should().Be("1");
    }

    [Test]
    public void A_boot_failure_is_a_failing_boot_test_case_with_the_console_tail_as_output()
    {
        var suite = Suite(SampleReports.WithBootFailure);

        var boot = suite.Elements("testcase").Single();
        boot.Attribute("name")!.Value.Should().Be("boot");
        boot.Element("failure")!.Attribute("message")!.Value.Should().StartWith("ssh: SSH to 127.0.0.1:2222 did not become ready");
        boot.Element("system-out")!.Value.Should().Be(
            "\\x1B[0;32m  OK  \\x1B[0m] Started ssh.service\nKernel panic - not syncing: <VFS> & \"root\"\n[[ATTACHMENT|/runs/1/console.log]]");
        suite.Attribute("failures")!.Value.Should().Be("1");
    }

    [Test]
    public void Characters_xml_cannot_hold_are_made_visible_instead_of_breaking_the_file()
    {
        var report = SampleReports.WithBootFailure with
        {
            Failure = new ReportFailure("boot", "nul\0 bell\a <tag> & emoji \U0001F600", ["\u001b[2J"]),
        };

        var suite = Suite(report);

        suite.Descendants("failure").Single().Value.Should().Be("nul\\x00 bell\\x07 <tag> & emoji \U0001F600");
    }

    [Test]
    public void The_run_description_travels_as_suite_properties()
    {
        var suite = Suite(SampleReports.Passing);

        suite.Element("properties")!.Elements("property")
            .ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value)
            .Should().Contain("accelerator", "tcg").And.Contain("verdict", "pass").And.Contain("hostKeyPinned", "true");
    }

    [Test]
    public void A_check_that_does_not_apply_is_a_skipped_test_case_with_the_reason_never_a_pass()
    {
        var report = SampleReports.Passing with
        {
            Checks = [.. SampleReports.Passing.Checks, BootTests.Checks.CheckResult.NotApplicable("getty-noclear", "TTYVTDisallocate=no", "the getty drop-in is systemd's; this guest runs sysvinit")],
        };

        var suite = Suite(report);

        var skipped = suite.Elements("testcase").Single(c => c.Attribute("name")!.Value == "getty-noclear").Element("skipped");
        skipped.Should().NotBeNull();
        skipped!.Attribute("message")!.Value.Should().Be("not applicable: the getty drop-in is systemd's; this guest runs sysvinit");
        suite.Attribute("skipped")!.Value.Should().Be("1");
        suite.Attribute("failures")!.Value.Should().Be("0");
    }
}
