using System.Net;
using System.Text;

namespace BootTests.Reports.Measurements;

/// <summary>One self-contained HTML page (inline CSS and SVG, nothing fetched): the stage waterfall per layout and each stage's trend.</summary>
public static partial class HtmlReport
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>
    /// The page for the boots of this run (waterfall, table) and the whole history (trends; the current boots when there
    /// is none), its series grouped by host class and recipe, labels (--label) on the x axis, and the boots of this run
    /// in a stage the baseline found regressed ringed in red.
    /// </summary>
    public static string Render(IReadOnlyList<BootRecord> current, IReadOnlyList<BootRecord> history, BaselineComparison? baseline = null)
    {
        var summaries = LayoutSummary.Of(current);
        var trendRecords = history.Count > 0 ? history : current;
        var series = SeriesNames(summaries, trendRecords);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>BootTests boot-time measurements</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>Boot-time measurements</h1>\n")
            .Append($"<p class=\"meta\">{Describe(current)}</p>\n")
            .Append("<h2>Stages of this run (median)</h2>\n");
        foreach (var summary in summaries)
        {
            html.Append(Waterfall(summary, current.Where(r => r.Layout == summary.Layout && r.Accelerator == summary.Accelerator).ToList(),
                MaxEnd(summaries, current), Colour(series, summary)));
        }

        html.Append(Table(summaries))
            .Append($"<h2>Trend over the history ({Boots(trendRecords.Count)})</h2>\n")
            .Append(Legend(series));
        var regressed = Regressed(current, baseline);
        foreach (var group in trendRecords.GroupBy(r => (r.HostClassOrGuess.Id, r.Recipe)))
        {
            var records = group.ToList();
            html.Append($"<h3 class=\"group\">host {E(records[0].HostClassOrGuess.Describe())}; recipe {E(group.Key.Recipe)} ({Boots(records.Count)})</h3>\n")
                .Append("<div class=\"trends\">\n");
            foreach (var stage in Stages.All)
                html.Append(Trend(stage, records, series, regressed));
            html.Append("</div>\n");
        }
        if (baseline is not null) html.Append(BaselineNotes(baseline));
        html.Append(StageGlossary()).Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static void Write(string path, IReadOnlyList<BootRecord> current, IReadOnlyList<BootRecord> history, BaselineComparison? baseline = null) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(Render(current, history, baseline))));

    /// <summary>The boots of this run and the stages in which the baseline found their series regressed.</summary>
    private static HashSet<(BootRecord Boot, string Stage)> Regressed(IReadOnlyList<BootRecord> current, BaselineComparison? baseline) =>
        baseline is null ? []
            : current.SelectMany(r => baseline.Regressions.Where(s => s.Layout == r.Layout && s.Accelerator == r.Accelerator).Select(s => (r, s.Stage))).ToHashSet();

    private static string BaselineNotes(BaselineComparison baseline)
    {
        var html = new StringBuilder($"<h2>Baseline (a stage regresses above +{baseline.MaxRegressionPercent:0.#} %)</h2>\n<ul>\n");
        foreach (var stage in baseline.Regressions) html.Append($"<li class=\"regressed\">REGRESSED {E(stage.Describe())}</li>\n");
        foreach (var refusal in baseline.Refusals) html.Append($"<li>not compared: {E(refusal)}</li>\n");
        if (baseline.Regressions.Count == 0 && baseline.Refusals.Count == 0) html.Append("<li>no stage regressed</li>\n");
        return html.Append("</ul>\n").ToString();
    }

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
        h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; } h3 { font-size: 14px; margin: 10px 0 0 0; }
        .meta { color: #555; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; margin: 12px 0; }
        th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: right; } th:first-child, td:first-child { text-align: left; }
        svg { display: block; margin: 6px 0 14px 0; } svg text { font-size: 12px; fill: #333; }
        .trends { display: flex; flex-wrap: wrap; gap: 8px 24px; }
        .legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
        .regressed { color: #d62728; font-weight: 600; } h3.group { margin-top: 18px; }
        dl { font-size: 13px; } dt { font-weight: 600; } dd { margin: 0 0 6px 16px; color: #444; }

        """;

    private static string Describe(IReadOnlyList<BootRecord> records)
    {
        if (records.Count == 0) return "No boots.";
        var last = records[^1];
        return E($"{Boots(records.Count)} on {last.Date:yyyy-MM-dd HH:mm} UTC; host {last.CpuModel}, {last.CpuCount} CPUs; QEMU {last.QemuVersion}; " +
                 $"kernel {last.KernelVersion}; recipe {last.Recipe}. Seconds on the host clock from QEMU start.");
    }

    private static string Table(IReadOnlyList<LayoutSummary> summaries)
    {
        var html = new StringBuilder("<table>\n<tr><th>stage</th>");
        foreach (var s in summaries) html.Append($"<th>{E(s.Layout)} ({E(s.Accelerator)}, {Boots(s.Boots)})<br>median (min–max) s</th>");
        html.Append("</tr>\n");
        foreach (var stage in Stages.Names)
        {
            html.Append($"<tr><td>{E(stage)}</td>");
            foreach (var s in summaries)
                html.Append(s.Find(stage) is { } st ? $"<td>{st.Median:F2} ({st.Min:F2}–{st.Max:F2})</td>" : "<td>–</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string StageGlossary()
    {
        var html = new StringBuilder("<h2>Stages</h2>\n<dl>\n");
        foreach (var stage in Stages.All)
            html.Append($"<dt>{E(stage.Name)}</dt><dd>{E(stage.Description)} ({E(stage.From ?? "QEMU start")} → {E(stage.To)})</dd>\n");
        return html.Append("</dl>\n").ToString();
    }

    private static string Legend(IReadOnlyList<string> series) =>
        "<p class=\"legend\">" + string.Concat(series.Select((name, i) =>
            $"<span><span class=\"swatch\" style=\"background:{Palette[i % Palette.Length]}\"></span>{E(name)}</span>")) + "</p>\n";

    private static List<string> SeriesNames(IReadOnlyList<LayoutSummary> summaries, IReadOnlyList<BootRecord> history) =>
        summaries.Select(s => SeriesName(s.Layout, s.Accelerator))
            .Concat(history.Select(r => SeriesName(r.Layout, r.Accelerator))).Distinct().ToList();

    private static string SeriesName(string layout, string accelerator) => $"{layout} ({accelerator})";

    private static string Colour(IReadOnlyList<string> series, LayoutSummary summary) =>
        Palette[Math.Max(0, series.ToList().IndexOf(SeriesName(summary.Layout, summary.Accelerator))) % Palette.Length];

    private static string Boots(int count) => count == 1 ? "1 boot" : $"{count} boots";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
