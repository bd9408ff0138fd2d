using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BootTests.Checks;

namespace BootTests.Reports;

/// <summary>Writes a <see cref="RunReport"/> as a JUnit XML test suite: one test case per check, plus <c>boot</c> when the boot failed.</summary>
public static class JUnitReportWriter
{
    public const string SuiteName = "boottests";
    public const string CheckClassName = "boottests.checks";

    public static XDocument ToXml(RunReport report)
    {
        var cases = report.Checks.Select(CheckCase).ToList();
        if (report.Failure is { } failure)
        {
            cases.Add(BootFailureCase(failure));
        }

        var failures = report.Checks.Count(c => c.Status == CheckStatus.Fail) + (report.Failure is null ? 0 : 1);
        var skipped = report.Checks.Count(c => c.Status == CheckStatus.NotApplicable);
        var suite = new XElement("testsuite",
            new XAttribute("name", SuiteName),
            new XAttribute("tests", cases.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", skipped.ToString(CultureInfo.InvariantCulture)),
            Properties(report),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suite);
    }

    public static void Write(RunReport report, string path)
    {
        var document = ToXml(report);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        AtomicFile.Write(path, stream =>
        {
            using var writer = XmlWriter.Create(stream, settings);
            document.Save(writer);
        });
    }

    private static XElement Properties(RunReport report) =>
        new("properties",
            Property("verdict", report.Verdict),
            Property("accelerator", report.Accelerator),
            Property("qemuVersion", report.QemuVersion),
            Property("kernelVersion", report.KernelVersion),
            Property("bootVia", report.BootVia),
            Property("hostKeyPinned", report.HostKeyPinned ? "true" : "false"),
            Property("hostKeyFingerprint", report.HostKeyFingerprint ?? ""));

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", XmlSafeText.Of(value)));

    private static XElement CheckCase(CheckResult check)
    {
        var testCase = new XElement("testcase", new XAttribute("classname", CheckClassName), new XAttribute("name", XmlSafeText.Of(check.Name)));
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

    private static XElement BootFailureCase(ReportFailure failure) =>
        new("testcase",
            new XAttribute("classname", SuiteName),
            new XAttribute("name", "boot"),
            new XElement("failure",
                new XAttribute("message", XmlSafeText.Of($"{failure.Stage}: {failure.Message}")),
                XmlSafeText.Of(failure.Message)),
            new XElement("system-out", XmlSafeText.Of(string.Join("\n", failure.ConsoleTail))));
}
