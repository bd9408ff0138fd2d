using BootTests.Reports;

namespace BootTests.Cli.Commands;


/// <summary>The human-readable parts of a run: the milestone timeline and the table of checks.</summary>
public static class Terminal
{
    public static void PrintTimeline(RunReport report, TextWriter? to = null)
    {
        var output = to ?? Console.Out;
        output.WriteLine();
        if (report.Attempts is { Count: > 1 } attempts)
        {
            foreach (var (a, i) in attempts.Select((a, i) => (a, i + 1)))
                output.WriteLine($"attempt {i}: {a.Accelerator} {a.Outcome} at {a.HostSeconds:F1} s{(a.Reason is null ? "" : ": " + a.Reason)} ({a.RunFiles})");
            output.WriteLine();
        }
        output.WriteLine("milestone        host s   guest s");
        foreach (var m in report.Milestones)
            output.WriteLine($"{m.Name,-15} {m.HostSeconds,7:F1}   {(m.GuestSeconds is { } g ? g.ToString("F1") : "-"),7}");
        if (report.Failure is { } failure)
            output.WriteLine($"FAILED in stage '{failure.Stage}': {failure.Message.Split('\n')[0]}");
        foreach (var warning in report.Warnings)
            output.WriteLine($"warning: {warning}");
    }

    public static void PrintChecks(RunReport report, TextWriter? to = null)
    {
        var output = to ?? Console.Out;
        if (report.Checks.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{"check",-17} {"result",-6} expected → actual");
        foreach (var c in report.Checks)
        {
            output.WriteLine(c.Status == BootTests.Checks.CheckStatus.NotApplicable
                ? $"{c.Name,-17} {"n/a",-6} {OneLine(c.Actual)}"
                : $"{c.Name,-17} {(c.Passed ? "pass" : "FAIL"),-6} {OneLine(c.Expected)} → {OneLine(c.Actual)}");
        }
    }

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" | ");
        return flat.Length > 90 ? flat[..87] + "..." : flat;
    }
}
