using System.Text.Json;
using BootTests.Reports;

namespace BootTests.Tests.Reports;

[TestFixture]
[Category(Categories.Unit)]
public sealed class JsonReportWriterTests
{
    private static JsonElement Parse(RunReport report) => JsonDocument.Parse(JsonReportWriter.ToJson(report)).RootElement;

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Test]
    public void The_field_names_are_exactly_the_documented_ones()
    {
        var root = Parse(SampleReports.WithBootFailure with { Checks = SampleReports.WithFailedCheck.Checks });

        Names(root).Should().Equal(
            "schemaVersion", "timestamp", "target", "verdict", "accelerator", "qemuVersion", "kernelVersion", "bootVia", "milestones", "checks", "warnings",
            "failure", "artifacts", "hostKeyPinned", "hostKeyFingerprint", "attempts", "durationSeconds");
        root.GetProperty("schemaVersion").GetInt32().Should().Be(2);
        root.GetProperty("timestamp").GetString().Should().Be("2026-12-01T11:02:26+00:00");
        Names(root.GetProperty("attempts")[0]).Should().Equal("accelerator", "outcome", "reason", "hostSeconds", "runFiles", "kernelEntry", "answeredPrompts");
        Names(root.GetProperty("milestones")[0]).Should().Equal("name", "hostSeconds", "guestSeconds");
        Names(root.GetProperty("checks")[0]).Should().Equal("name", "status", "expected", "actual", "seconds", "passed");
        Names(root.GetProperty("failure")).Should().Equal("stage", "message", "consoleTail");
        Names(root.GetProperty("artifacts")).Should().Equal("consoleLog", "qemu-argv");
    }

    [Test]
    public void A_run_whose_checks_all_passed_has_verdict_pass_and_a_null_failure()
    {
        var root = Parse(SampleReports.Passing);

        root.GetProperty("verdict").GetString().Should().Be("pass");
        root.GetProperty("failure").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("milestones")[1].GetProperty("guestSeconds").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("hostKeyPinned").GetBoolean().Should().BeTrue();
        root.GetProperty("checks")[0].GetProperty("actual").GetString().Should().Be("tmpfs, 1536 MiB");
    }

    [Test]
    public void A_failed_check_or_a_failed_boot_makes_the_verdict_fail()
    {
        Parse(SampleReports.WithFailedCheck).GetProperty("verdict").GetString().Should().Be("fail");
        Parse(SampleReports.WithBootFailure).GetProperty("verdict").GetString().Should().Be("fail");
        Parse(SampleReports.Passing with { Checks = [] }).GetProperty("verdict").GetString().Should().Be("fail", "a run that checked nothing did not pass");
    }

    [Test]
    public void Writing_replaces_the_file_whole_and_leaves_no_temporary_files()
    {
        var directory = Path.Combine(Path.GetTempPath(), "boottests-json-" + Guid.NewGuid().ToString("N")[..8]);
        var path = Path.Combine(directory, "report.json");
        try
        {
            JsonReportWriter.Write(SampleReports.Passing, path);
            JsonReportWriter.Write(SampleReports.WithBootFailure, path);

            var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            root.GetProperty("failure").GetProperty("stage").GetString().Should().Be("ssh");
            root.GetProperty("failure").GetProperty("consoleTail")[1].GetString().Should().Be("Kernel panic - not syncing: <VFS> & \"root\"");
            Directory.GetFiles(directory).Should().Equal(path);
            File.ReadAllText(path).Should().Contain("\n  \"verdict\": \"fail\"", "the report is indented");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
