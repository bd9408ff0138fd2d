using System.Text;

namespace BootTests.Reports.Measurements;

public static partial class HtmlReport
{
    private const int TrendWidth = 520;
    private const int TrendHeight = 180;
    private const int Margin = 44;

    /// <summary>One small chart per stage: each boot's duration in history order (x, with its label where it has one), one line per layout and accelerator; regressed boots ringed.</summary>
    private static string Trend(StageDefinition stage, IReadOnlyList<BootRecord> history, IReadOnlyList<string> series, HashSet<(BootRecord Boot, string Stage)> regressed)
    {
        var ordered = history.OrderBy(r => r.Date).ToList();
        var points = ordered.Select((r, i) => (index: i, series: SeriesName(r.Layout, r.Accelerator), r.Date, record: r,
                seconds: Stages.Of(r.Milestones).FirstOrDefault(d => d.Stage == stage.Name)?.Seconds))
            .Where(p => p.seconds is not null).ToList();
        var svg = new StringBuilder($"<div><h3>{E(stage.Name)}</h3>\n")
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{TrendWidth}\" height=\"{TrendHeight}\" role=\"img\">\n");
        if (points.Count == 0)
            return svg.Append($"<text x=\"{Margin}\" y=\"{TrendHeight / 2}\">no boot reached both milestones of this stage</text>\n</svg></div>\n").ToString();

        var maxY = points.Max(p => p.seconds!.Value) * 1.1;
        var plotWidth = TrendWidth - Margin - 12;
        var plotHeight = TrendHeight - Margin;
        double X(int index) => Margin + (ordered.Count == 1 ? plotWidth / 2.0 : index * plotWidth / (double)(ordered.Count - 1));
        double Y(double seconds) => 8 + plotHeight - seconds / Math.Max(maxY, 0.001) * plotHeight;

        var step = NiceStep(maxY);
        for (var t = 0.0; t <= maxY + 1e-9; t += step)
        {
            svg.Append($"<line x1=\"{Margin}\" y1=\"{Y(t):F1}\" x2=\"{Margin + plotWidth}\" y2=\"{Y(t):F1}\" stroke=\"#eee\"/>")
                .Append($"<text x=\"{Margin - 4}\" y=\"{Y(t) + 4:F1}\" text-anchor=\"end\">{t:0.#}</text>\n");
        }

        var labelled = ordered.Select((r, i) => (r.Label, i)).Where(l => l.Label is not null).ToList();
        if (labelled.Count == 0)
        {
            svg.Append($"<text x=\"{Margin}\" y=\"{TrendHeight - 8}\">boot 1</text>")
                .Append($"<text x=\"{Margin + plotWidth}\" y=\"{TrendHeight - 8}\" text-anchor=\"end\">boot {ordered.Count} (seconds on the y axis)</text>\n");
        }
        else
        {
            // A label (e.g. a commit) is written once, under the first boot that carries it.
            foreach (var (label, i) in labelled.Where((l, k) => k == 0 || labelled[k - 1].Label != l.Label))
                svg.Append($"<text x=\"{X(i):F1}\" y=\"{TrendHeight - 8}\" text-anchor=\"middle\" class=\"label\">{E(label!.Length > 12 ? label[..12] : label)}<title>{E(label)}</title></text>\n");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var mine = points.Where(p => p.series == series[s]).ToList();
            if (mine.Count == 0) continue;
            var colour = Palette[s % Palette.Length];
            if (mine.Count > 1)
            {
                svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"")
                    .Append(string.Join(" ", mine.Select(p => $"{X(p.index):F1},{Y(p.seconds!.Value):F1}"))).Append("\"/>\n");
            }

            foreach (var p in mine.Where(p => regressed.Contains((p.record, stage.Name))))
            {
                svg.Append($"<circle cx=\"{X(p.index):F1}\" cy=\"{Y(p.seconds!.Value):F1}\" r=\"7\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" class=\"regressed\">")
                    .Append($"<title>regression found by the baseline: {E(series[s])} {E(stage.Name)} {p.seconds:F2} s</title></circle>\n");
            }

            foreach (var p in mine)
            {
                svg.Append($"<circle cx=\"{X(p.index):F1}\" cy=\"{Y(p.seconds!.Value):F1}\" r=\"3\" fill=\"{colour}\">")
                    .Append($"<title>{E(series[s])}, {p.Date:yyyy-MM-dd HH:mm}{(p.record.Label is { } l ? ", " + E(l) : "")}: {p.seconds:F2} s</title></circle>\n");
            }
        }
        return svg.Append("</svg></div>\n").ToString();
    }
}
