namespace BootTests.Reports.Measurements;

/// <summary>
/// The medians of a run compared stage by stage with a baseline's, like with like only: the same layout, recipe,
/// accelerator, QEMU version and host class (KernelCI's lesson: times from different QEMUs or hosts say nothing about
/// the change). Where the baseline has no such boots, each stage says why it was not compared.
/// </summary>
public sealed record BaselineComparison(double MaxRegressionPercent, IReadOnlyList<StageComparison> Stages)
{
    public IReadOnlyList<StageComparison> Regressions => Stages.Where(s => s.Regressed).ToList();

    /// <summary>Why series were not compared, one line per series (empty when all were).</summary>
    public IReadOnlyList<string> Refusals => Stages.Where(s => s.Refusal is not null).Select(s => $"{s.Layout}/{s.Accelerator}: {s.Refusal}").Distinct().ToList();

    /// <summary>A stage regresses when its current median exceeds the baseline median × (1 + pct/100).</summary>
    public static BaselineComparison Compare(IEnumerable<BootRecord> current, IEnumerable<BootRecord> baseline, double maxRegressionPercent)
    {
        var baselineBoots = baseline.ToList();
        var stages = new List<StageComparison>();
        foreach (var series in current.GroupBy(r => (r.Layout, r.Recipe, r.Accelerator, r.QemuVersion, r.HostClassOrGuess.Id)).Select(g => g.ToList()))
        {
            var (like, refusal) = LikeWithLike(series[0], baselineBoots);
            var now = LayoutSummary.Of(series).Single();
            var before = like.Count == 0 ? null : LayoutSummary.Of(like).Single();
            foreach (var stage in now.Stages)
            {
                var baselineMedian = before?.Find(stage.Stage)?.Median;
                var regressed = baselineMedian is { } b && stage.Statistics.Median > b * (1 + maxRegressionPercent / 100);
                stages.Add(new StageComparison(now.Layout, now.Accelerator, stage.Stage, stage.Statistics.Median, baselineMedian, regressed, refusal));
            }
        }
        return new BaselineComparison(maxRegressionPercent, stages);
    }

    /// <summary>The baseline boots comparable with <paramref name="boot"/>, or none and the first thing that differs.</summary>
    public static (IReadOnlyList<BootRecord> Like, string? Refusal) LikeWithLike(BootRecord boot, IReadOnlyList<BootRecord> baseline)
    {
        if (baseline.Count == 0) return ([], "the baseline holds no boots");
        var candidates = baseline;
        var dimensions = new (string What, Func<BootRecord, string> Of)[]
        {
            ("layout", r => r.Layout), ("recipe", r => r.Recipe), ("accelerator", r => r.Accelerator), ("QEMU", r => r.QemuVersion),
        };
        foreach (var (what, of) in dimensions)
        {
            var next = candidates.Where(r => of(r) == of(boot)).ToList();
            if (next.Count == 0)
                return ([], $"the baseline has no boot with {what} {of(boot)} (it has {string.Join(", ", candidates.Select(of).Distinct().Take(4))}), so nothing is compared");
            candidates = next;
        }
        var host = boot.HostClassOrGuess;
        var sameHost = candidates.Where(r => r.HostClassOrGuess.SameAs(host)).ToList();
        return sameHost.Count > 0 ? (sameHost, null)
            : ([], $"the baseline's host class differs ({candidates[0].HostClassOrGuess.Differences(host)}), so nothing is compared");
    }
}
