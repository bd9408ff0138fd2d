namespace BootTests.Reports.Measurements;

/// <summary>The boots of one layout under one accelerator, summarised stage by stage (stages in <see cref="Stages.All"/> order).</summary>
public sealed record LayoutSummary(string Layout, string Accelerator, int Boots, IReadOnlyList<StageStatistics> Stages)
{
    /// <summary>One summary per (layout, accelerator), in the order they first appear in the records.</summary>
    public static IReadOnlyList<LayoutSummary> Of(IEnumerable<BootRecord> records) =>
        records.GroupBy(r => (r.Layout, r.Accelerator))
            .Select(g => new LayoutSummary(g.Key.Layout, g.Key.Accelerator, g.Count(), StagesOf(g.ToList())))
            .ToList();

    public Statistics? Find(string stage) => Stages.FirstOrDefault(s => s.Stage == stage)?.Statistics;

    private static List<StageStatistics> StagesOf(IReadOnlyList<BootRecord> boots)
    {
        var durations = boots.SelectMany(b => Measurements.Stages.Of(b.Milestones)).ToList();
        return Measurements.Stages.Names
            .Select(name => (name, values: durations.Where(d => d.Stage == name).Select(d => d.Seconds).ToList()))
            .Where(s => s.values.Count > 0)
            .Select(s => new StageStatistics(s.name, Statistics.Of(s.values)))
            .ToList();
    }
}
