using System.Globalization;
using System.Net;
using System.Text;

namespace BootTests.Suites;

/// <summary>A suite report as one self-contained HTML page: the verdict, the shards and their hosts, and a row per target with a bar of its time to ssh-ready.</summary>
public static class SuiteHtml
{
    public const string FileName = "report.html";

    public static string Render(SuiteReport report)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>BootTests suite {E(report.Suite)}</title>\n<style>\n{Css}</style>\n</head>\n<body>\n")
            .Append($"<h1>Suite {E(report.Suite)}: <span class=\"{(report.Verdict == "pass" ? "pass" : "fail")}\">{E(report.Verdict)}</span></h1>\n")
            .Append($"<p class=\"meta\">{E(SuiteSummary.Totals(report))}; plan {E(report.PlanDigest)}</p>\n<h2>Shards</h2>\n<ul>\n");
        foreach (var shard in report.Shards)
            html.Append($"<li>shard {shard.Index}: {E(shard.Host.Describe())}{(shard.Label is null ? "" : $"; label <code>{E(shard.Label)}</code>")}; started {shard.Started:yyyy-MM-dd HH:mm} UTC; {shard.WallSeconds:F0} s; {E(shard.Selection)}</li>\n");
        foreach (var missing in report.MissingShards)
            html.Append($"<li class=\"fail\">shard {missing}: no report (its targets did not run)</li>\n");
        html.Append("</ul>\n<h2>Targets</h2>\n<table>\n<tr><th>target</th><th>recipe · layout · boot · memory · append</th><th>labels</th><th>shard</th><th>outcome</th><th>seconds</th><th>to ssh-ready</th><th>failures and notes</th></tr>\n");
        var longest = Math.Max(1, report.Targets.Select(SshReady).Max() ?? 1);
        foreach (var t in report.Targets)
        {
            var ssh = SshReady(t);
            var bar = ssh is { } s ? $"<svg width=\"160\" height=\"12\"><rect width=\"{160 * s / longest:F0}\" height=\"12\" fill=\"#1f77b4\"/></svg> {s:F1} s" : "–";
            var details = string.Join("<br>", t.Failures.Select(f => f.Expected
                    ? $"<span class=\"known\">{E(f.Check)}: known ({E(f.Known!.Reason)}, <a href=\"{E(f.Known.Tracker)}\">{E(f.Known.Tracker)}</a>, until {E(f.Known.Expires)})</span>"
                    : $"<span class=\"fail\">{E(f.Check)}: {E(f.Message)}</span>")
                .Concat(t.Notes.Select(n => $"<span class=\"note\">{E(n)}</span>"))
                .Append(t.RunFolder is { } folder ? $"run files: <code>{E(folder)}</code>" : ""));
            html.Append($"<tr><td>{E(t.Target.Name)}</td><td>{E(t.Target.Describe())}</td><td>{E(string.Join(", ", t.Target.Labels))}</td><td>{t.Shard}</td>")
                .Append($"<td class=\"{ClassOf(t.Outcome)}\">{E(t.Outcome)}</td><td>{t.Seconds.ToString("F1", CultureInfo.InvariantCulture)}</td><td>{bar}</td><td>{details}</td></tr>\n");
        }
        foreach (var p in report.NotRun)
            html.Append($"<tr><td>{E(p.Name)}</td><td></td><td></td><td>{p.Shard}</td><td class=\"fail\">not-run</td><td>–</td><td>–</td><td>shard {p.Shard} gave no report</td></tr>\n");
        return html.Append("</table>\n</body>\n</html>\n").ToString();
    }

    public static void Write(SuiteReport report, string path) =>
        Reports.AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(Render(report))));

    private static double? SshReady(TargetResult t) => t.Run?.Milestones.FirstOrDefault(m => m.Name == "ssh-ready")?.HostSeconds;

    private static string ClassOf(string outcome) => outcome switch
    {
        TargetOutcome.Pass => "pass",
        TargetOutcome.ExpectedFailure => "known",
        _ => "fail",
    };

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 24px; } .meta { color: #555; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
        .pass { color: #2ca02c; font-weight: 600; } .fail { color: #d62728; font-weight: 600; } .known { color: #9467bd; } .note { color: #8c564b; }
        li { font-size: 13px; }

        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
