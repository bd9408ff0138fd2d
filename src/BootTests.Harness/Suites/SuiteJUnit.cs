using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BootTests.Suites;

/// <summary>
/// A suite report as JUnit XML: one &lt;testsuite&gt; per target, named "SUITE/TARGET" so names never collide across a
/// matrix or shards; a test case per check, a known failure as skipped (with its reason), a failed boot as "boot".
/// </summary>
public static class SuiteJUnit
{
    public const string FileName = "junit.xml";

    public static XDocument ToXml(SuiteReport report)
    {
        var suites = report.Targets.Select(t => TargetSuite(report.Suite, t)).ToList();
        suites.AddRange(report.NotRun.Select(p => NotRunSuite(report.Suite, p)));
        var root = new XElement("testsuites",
            new XAttribute("name", report.Suite),
            new XAttribute("tests", Sum(suites, "tests")),
            new XAttribute("failures", Sum(suites, "failures")),
            new XAttribute("errors", Sum(suites, "errors")),
            new XAttribute("skipped", Sum(suites, "skipped")),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    public static void Write(SuiteReport report, string path)
    {
        var document = ToXml(report);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        Reports.AtomicFile.Write(path, stream =>
        {
            using var writer = XmlWriter.Create(stream, settings);
            document.Save(writer);
        });
    }

    private static XElement TargetSuite(string suite, TargetResult result)
    {
        var className = $"{suite}.{result.Target.Name}";
        var cases = new List<XElement>();
        var failed = result.Failures.ToDictionary(f => f.Check, StringComparer.Ordinal);
        foreach (var check in result.Run?.Checks ?? [])
            cases.Add(Case(className, check.Name, failed.GetValueOrDefault(check.Name)));
        if (failed.TryGetValue(KnownFailures.BootCheck, out var boot))
        {
            var bootCase = Case(className, KnownFailures.BootCheck, boot, error: result.Outcome == TargetOutcome.Error);
            if (result.Run?.Failure is { } f) bootCase.Add(new XElement("system-out", Safe(string.Join("\n", f.ConsoleTail))));
            cases.Add(bootCase);
        }
        return Suite($"{suite}/{result.Target.Name}", result.Seconds, cases, Properties(result));
    }

    private static XElement NotRunSuite(string suite, PlanEntry planned) =>
        Suite($"{suite}/{planned.Name}", 0,
            [new XElement("testcase", new XAttribute("classname", $"{suite}.{planned.Name}"), new XAttribute("name", "not-run"),
                new XElement("error", new XAttribute("message", $"shard {planned.Shard} gave no report, so this target did not run (or its results were lost)")))],
            [Property("shard", planned.Shard.ToString(CultureInfo.InvariantCulture)), Property("outcome", "not-run")]);

    private static XElement Case(string className, string name, TargetFailure? failure, bool error = false)
    {
        var testCase = new XElement("testcase", new XAttribute("classname", Safe(className)), new XAttribute("name", Safe(name)));
        if (failure is null) return testCase;
        if (failure.Expected)
            testCase.Add(new XElement("skipped", new XAttribute("message", Safe($"known failure: {failure.Known!.Reason} ({failure.Known.Tracker}; expires {failure.Known.Expires}): {failure.Message}"))));
        else
            testCase.Add(new XElement(error ? "error" : "failure", new XAttribute("message", Safe(failure.Message)), Safe(failure.Message)));
        return testCase;
    }

    private static XElement Suite(string name, double seconds, List<XElement> cases, IEnumerable<XElement> properties) =>
        new("testsuite",
            new XAttribute("name", Safe(name)),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("time", seconds.ToString("F1", CultureInfo.InvariantCulture)),
            new XElement("properties", properties),
            cases);

    private static IEnumerable<XElement> Properties(TargetResult r)
    {
        yield return Property("recipe", r.Target.Recipe);
        yield return Property("layout", r.Target.Layout);
        yield return Property("bootVia", r.Target.BootVia);
        yield return Property("memory", r.Target.Memory);
        yield return Property("append", r.Target.Append);
        yield return Property("labels", string.Join(",", r.Target.Labels));
        yield return Property("shard", r.Shard.ToString(CultureInfo.InvariantCulture));
        yield return Property("outcome", r.Outcome);
        if (r.Run is { } run)
        {
            yield return Property("accelerator", run.Accelerator);
            yield return Property("qemuVersion", run.QemuVersion);
        }
        if (r.RunFolder is { } folder) yield return Property("runFolder", folder);
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", Safe(value)));

    private static string Sum(IEnumerable<XElement> suites, string attribute) =>
        suites.Sum(s => int.Parse(s.Attribute(attribute)!.Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

    private static string Safe(string text) => Reports.XmlSafeText.Of(text);
}
