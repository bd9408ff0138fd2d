using System.Text;

namespace BootTests.Reports.Measurements;

public static partial class HtmlReport
{
    private const int LabelWidth = 190;
    private const int BarsWidth = 760;
    private const int RowHeight = 22;

    /// <summary>One horizontal bar per stage, from the median time of its first milestone, as long as its median duration.</summary>
    private static string Waterfall(LayoutSummary summary, IReadOnlyList<BootRecord> boots, double maxEnd, string colour)
    {
        var scale = BarsWidth / Math.Max(maxEnd, 0.001);
        var height = RowHeight * (Stages.All.Count + 1) + 24;
        var svg = new StringBuilder($"<h3>{E(summary.Layout)} ({E(summary.Accelerator)}, {Boots(summary.Boots)})</h3>\n")
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + BarsWidth + 60}\" height=\"{height}\" role=\"img\">\n");
        svg.Append(Axis(maxEnd, scale, RowHeight * Stages.All.Count + 4));
        var row = 0;
        foreach (var stage in Stages.All)
        {
            var y = row++ * RowHeight + 2;
            svg.Append($"<text x=\"0\" y=\"{y + 15}\">{E(stage.Name)}</text>\n");
            if (summary.Find(stage.Name) is not { } stats) continue;
            var start = stage.From is null ? 0 : MedianAt(boots, stage.From) ?? 0;
            var x = LabelWidth + start * scale;
            var width = Math.Max(stats.Median * scale, 1);
            svg.Append($"<rect x=\"{x:F1}\" y=\"{y + 3}\" width=\"{width:F1}\" height=\"{RowHeight - 6}\" fill=\"{colour}\" fill-opacity=\"{(stage.From is null && stage.Name != Stages.FirmwareToKernel ? 0.35 : 1)}\" rx=\"2\">")
                .Append($"<title>{E(stage.Name)}: median {stats.Median:F2} s (min {stats.Min:F2}, max {stats.Max:F2})</title></rect>\n")
                .Append($"<text x=\"{x + width + 4:F1}\" y=\"{y + 15}\">{stats.Median:F1} s</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Axis(double maxEnd, double scale, int y)
    {
        var step = NiceStep(maxEnd);
        var axis = new StringBuilder($"<line x1=\"{LabelWidth}\" y1=\"{y}\" x2=\"{LabelWidth + BarsWidth}\" y2=\"{y}\" stroke=\"#999\"/>\n");
        for (var t = 0.0; t <= maxEnd + 1e-9; t += step)
        {
            var x = LabelWidth + t * scale;
            axis.Append($"<line x1=\"{x:F1}\" y1=\"0\" x2=\"{x:F1}\" y2=\"{y}\" stroke=\"#eee\"/>")
                .Append($"<text x=\"{x:F1}\" y=\"{y + 16}\" text-anchor=\"middle\">{t:0.#} s</text>\n");
        }
        return axis.ToString();
    }

    private static double MaxEnd(IReadOnlyList<LayoutSummary> summaries, IReadOnlyList<BootRecord> boots)
    {
        var max = 1.0;
        foreach (var summary in summaries)
        {
            var mine = boots.Where(r => r.Layout == summary.Layout && r.Accelerator == summary.Accelerator).ToList();
            foreach (var stage in Stages.All)
            {
                if (summary.Find(stage.Name) is { } stats)
                    max = Math.Max(max, (stage.From is null ? 0 : MedianAt(mine, stage.From) ?? 0) + stats.Median);
            }
        }
        return max;
    }

    private static double? MedianAt(IReadOnlyList<BootRecord> boots, string milestone)
    {
        var times = boots.SelectMany(b => b.Milestones.Where(m => m.Name == milestone).Take(1)).Select(m => m.HostSeconds).ToList();
        return times.Count == 0 ? null : Statistics.Of(times).Median;
    }

    /// <summary>A grid step of 1, 2 or 5 × a power of ten giving about five to ten lines.</summary>
    private static double NiceStep(double max)
    {
        var raw = max / 6;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var multiple = (raw / power) switch { <= 1 => 1.0, <= 2 => 2.0, <= 5 => 5.0, _ => 10.0 };
        return multiple * power;
    }
}
