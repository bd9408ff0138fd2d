namespace BootTests.Reports.Measurements;

/// <summary>
/// The medians of a run compared stage by stage with a baseline's, only for the same layout and the same
/// accelerator (a TCG boot is ten times a KVM one; comparing them would say nothing).
/// </summary>
public sealed record BaselineComparison(double MaxRegressionPercent, IReadOnlyList<StageComparison> Stages)
{
    public IReadOnlyList<StageComparison> Regressions => Stages.Where(s => s.Regressed).ToList();

    /// <summary>A stage regresses when its current median exceeds the baseline median × (1 + pct/100).</summary>
    public static BaselineComparison Compare(IEnumerable<BootRecord> current, IEnumerable<BootRecord> baseline, double maxRegressionPercent)
    {
        var baselines = LayoutSummary.Of(baseline);
        var stages = new List<StageComparison>();
        foreach (var now in LayoutSummary.Of(current))
        {
            var before = baselines.FirstOrDefault(b => b.Layout == now.Layout && b.Accelerator == now.Accelerator);
            foreach (var stage in now.Stages)
            {
                var baselineMedian = before?.Find(stage.Stage)?.Median;
                var regressed = baselineMedian is { } b && stage.Statistics.Median > b * (1 + maxRegressionPercent / 100);
                stages.Add(new StageComparison(now.Layout, now.Accelerator, stage.Stage, stage.Statistics.Median, baselineMedian, regressed));
            }
        }
        return new BaselineComparison(maxRegressionPercent, stages);
    }
}
