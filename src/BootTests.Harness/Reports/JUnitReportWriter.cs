using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BootTests.Checks;

namespace BootTests.Reports;

/// <summary>
/// Writes a <see cref="RunReport"/> as JUnit XML: one testsuite per target, named by recipe, layout and boot path (so a CI
/// matrix keeps its runs apart), holding a <c>boot</c> testcase that is always there (failed when the boot failed, its time
/// the boot to SSH, the console log attached) and one testcase per check, each with its time.
/// </summary>
public static class JUnitReportWriter
{
    public const string SuitesName = "boottests";
    public const string BootCase = "boot";

    /// <summary>"recipe/layout/boot-via" (e.g. debian-bookworm/fast/direct); "verify/KERNEL/boot-via" for an image made elsewhere.</summary>
    public static string SuiteName(RunReport report) => $"{(report.Target.Length == 0 ? "boottests" : report.Target)}/{report.BootVia}";

    /// <summary>The suite name with dots, as JUnit class names are written (CI tools group test cases by it).</summary>
    public static string ClassName(RunReport report) => "boottests." + SuiteName(report).Replace('/', '.');

    public static XDocument ToXml(RunReport report)
    {
        var className = ClassName(report);
        var cases = new List<XElement> { BootTestCase(report, className) };
        cases.AddRange(report.Checks.Select(c => CheckCase(c, className)));

        var failures = report.Checks.Count(c => c.Status == CheckStatus.Fail) + (report.Failure is null ? 0 : 1);
        var skipped = report.Checks.Count(c => c.Status == CheckStatus.NotApplicable);
        var time = Seconds(report.DurationSeconds);
        var suite = new XElement("testsuite",
            new XAttribute("name", XmlSafeText.Of(SuiteName(report))),
            new XAttribute("tests", Count(cases.Count)),
            new XAttribute("failures", Count(failures)),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", Count(skipped)),
            new XAttribute("time", time),
            new XAttribute("timestamp", report.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            Properties(report),
            cases);
        var suites = new XElement("testsuites",
            new XAttribute("name", SuitesName),
            new XAttribute("tests", Count(cases.Count)),
            new XAttribute("failures", Count(failures)),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", Count(skipped)),
            new XAttribute("time", time),
            suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    public static void Write(RunReport report, string path) => AtomicFile.Write(path, stream => WriteTo(report, stream));

    public static void WriteTo(RunReport report, Stream stream)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using var writer = XmlWriter.Create(stream, settings);
        ToXml(report).Save(writer);
    }

    private static XElement Properties(RunReport report) =>
        new("properties",
            Property("verdict", report.Verdict),
            Property("target", report.Target),
            Property("accelerator", report.Accelerator),
            Property("qemuVersion", report.QemuVersion),
            Property("kernelVersion", report.KernelVersion),
            Property("bootVia", report.BootVia),
            Property("hostKeyPinned", report.HostKeyPinned ? "true" : "false"),
            Property("hostKeyFingerprint", report.HostKeyFingerprint ?? ""));

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", XmlSafeText.Of(value)));

    // The boot is a test of its own, present whether it passed or not; its output names the console log, in the
    // [[ATTACHMENT|path]] form Jenkins' and GitLab's JUnit readers turn into a link to the file.
    private static XElement BootTestCase(RunReport report, string className)
    {
        var reached = report.Milestones.LastOrDefault();
        var testCase = new XElement("testcase",
            new XAttribute("classname", XmlSafeText.Of(className)),
            new XAttribute("name", BootCase),
            new XAttribute("time", Seconds(reached?.HostSeconds ?? 0)));
        var output = new StringBuilder();
        if (report.Failure is { } failure)
        {
            testCase.Add(new XElement("failure",
                new XAttribute("message", XmlSafeText.Of($"{failure.Stage}: {failure.Message}")),
                XmlSafeText.Of(failure.Message)));
            output.AppendJoin('\n', failure.ConsoleTail).Append('\n');
        }
        else
        {
            output.Append($"reached {string.Join(", ", report.Milestones.Select(m => $"{m.Name} {m.HostSeconds:F1} s"))}\n");
        }
        if (report.Artifacts.TryGetValue("consoleLog", out var consoleLog))
            output.Append($"[[ATTACHMENT|{consoleLog}]]\n");
        testCase.Add(new XElement("system-out", XmlSafeText.Of(output.ToString().TrimEnd('\n'))));
        return testCase;
    }

    private static XElement CheckCase(CheckResult check, string className)
    {
        var testCase = new XElement("testcase",
            new XAttribute("classname", XmlSafeText.Of(className)),
            new XAttribute("name", XmlSafeText.Of(check.Name)),
            new XAttribute("time", Seconds(check.Seconds ?? 0)));
        if (check.Status == CheckStatus.NotApplicable)
        {
            testCase.Add(new XElement("skipped", new XAttribute("message", XmlSafeText.Of($"not applicable: {check.Actual}"))));
        }
        else if (!check.Passed)
        {
            testCase.Add(new XElement("failure",
                new XAttribute("message", XmlSafeText.Of($"expected {check.Expected}, actual {check.Actual}")),
                XmlSafeText.Of($"expected: {check.Expected}\nactual:   {check.Actual}")));
        }

        return testCase;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
