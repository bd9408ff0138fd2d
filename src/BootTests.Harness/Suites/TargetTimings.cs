namespace BootTests.Suites;

/// <summary>How long each target took in earlier runs (from their suite reports), for balancing shards.</summary>
public sealed record TargetTimings(IReadOnlyDictionary<string, double> Seconds)
{
    public static TargetTimings None { get; } = new(new Dictionary<string, double>());

    public double? ExpectedSeconds(string target) => Seconds.TryGetValue(target, out var s) ? s : null;

    /// <summary>The median of the known targets: the guess for a target no earlier run has (null when none is known).</summary>
    public double? Typical => Seconds.Count == 0 ? null : Reports.Measurements.Statistics.Of(Seconds.Values).Median;

    /// <summary>The seconds of every target that ran (passed or failed) in these reports; a later report wins.</summary>
    public static TargetTimings From(IEnumerable<SuiteReport> reports)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            foreach (var target in report.Targets.Where(t => t.Seconds > 0))
                seconds[target.Target.Name] = target.Seconds;
        }

        return new TargetTimings(seconds);
    }
}
