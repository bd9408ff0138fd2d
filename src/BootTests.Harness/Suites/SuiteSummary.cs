using System.Globalization;
using System.Text;

namespace BootTests.Suites;

/// <summary>A suite report as a table: for the terminal (aligned text) and for CI job summaries (Markdown).</summary>
public static class SuiteSummary
{
    public static IReadOnlyList<string> Lines(SuiteReport report)
    {
        var rows = Rows(report);
        var width = Math.Max(6, rows.Max(r => r.Target.Length));
        var lines = new List<string> { $"{"target".PadRight(width)}  shard  {"outcome",-16} {"seconds",7}  {"ssh-ready",9}  detail" };
        lines.AddRange(rows.Select(r => $"{r.Target.PadRight(width)}  {r.Shard,5}  {r.Outcome,-16} {r.Seconds,7}  {r.SshReady,9}  {r.Detail}"));
        lines.Add(Totals(report));
        return lines;
    }

    public static string Markdown(SuiteReport report)
    {
        var md = new StringBuilder($"### BootTests suite `{report.Suite}`: {report.Verdict}\n\n{Totals(report)}\n\n")
            .Append("| target | shard | outcome | seconds | ssh-ready | detail |\n|---|---|---|---|---|---|\n");
        foreach (var r in Rows(report))
            md.Append($"| {Cell(r.Target)} | {r.Shard} | {(r.Outcome == TargetOutcome.Pass ? "pass" : $"**{r.Outcome}**")} | {r.Seconds} | {r.SshReady} | {Cell(r.Detail)} |\n");
        foreach (var shard in report.Shards)
            md.Append($"\nshard {shard.Index}: {Cell(shard.Host.Describe())}{(shard.Label is null ? "" : $", label `{Cell(shard.Label)}`")}, {shard.WallSeconds:F0} s");
        return md.Append('\n').ToString();
    }

    /// <summary>"8 targets: 7 pass, 1 expected-failure; shards 1: 101 s, 2: 98 s of 2; verdict pass".</summary>
    public static string Totals(SuiteReport report)
    {
        var counts = report.Counts.Select(c => $"{c.Value} {c.Key}").ToList();
        if (report.NotRun.Count > 0)
            counts.Add($"{report.NotRun.Count} not-run{(report.MissingShards.Count > 0 ? $" (shard {string.Join(", ", report.MissingShards)} missing)" : "")}");
        var shards = string.Join(", ", report.Shards.Select(s => $"{s.Index}: {s.WallSeconds:F0} s"));
        var of = report.Covered.Count == report.Plan.Count ? $"{report.Plan.Count} targets" : $"{report.Covered.Count} of {report.Plan.Count} targets";
        return $"{of}: {string.Join(", ", counts)}; shard{(report.Shards.Count == 1 ? "" : "s")} {shards} of {report.ShardCount}; verdict {report.Verdict}";
    }

    private sealed record Row(string Target, string Shard, string Outcome, string Seconds, string SshReady, string Detail);

    private static List<Row> Rows(SuiteReport report)
    {
        var rows = report.Targets.Select(t => new Row(t.Target.Name, t.Shard.ToString(CultureInfo.InvariantCulture), t.Outcome,
            t.Seconds.ToString("F1", CultureInfo.InvariantCulture),
            t.Run?.Milestones.FirstOrDefault(m => m.Name == "ssh-ready") is { } ssh ? ssh.HostSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-",
            Detail(t))).ToList();
        rows.AddRange(report.NotRun.Select(p => new Row(p.Name, p.Shard.ToString(CultureInfo.InvariantCulture), "not-run", "-", "-", $"shard {p.Shard} gave no report")));
        return rows;
    }

    private static string Detail(TargetResult t)
    {
        var parts = t.Failures.Select(f => f.Expected ? $"{f.Check} (known: {f.Known!.Tracker})" : $"{f.Check}: {Short(f.Message)}").ToList();
        parts.AddRange(t.Notes.Select(Short));
        return parts.Count == 0 ? t.Target.Describe() : string.Join("; ", parts);
    }

    private static string Short(string text) => text.Length <= 120 ? text : text[..117] + "...";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
