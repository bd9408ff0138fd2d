using BootTests.Reports.Measurements;

namespace BootTests.Suites;

/// <summary>
/// What changed between two suite runs: failures that are new, fixed or still there, targets added or removed, and
/// stages slower beyond a threshold, compared only like with like (same accelerator, QEMU and host class).
/// </summary>
public sealed record SuiteComparison(
    IReadOnlyList<FailureChange> NewFailures,
    IReadOnlyList<FailureChange> Fixed,
    IReadOnlyList<FailureChange> StillFailing,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<StageChange> Slower,
    IReadOnlyList<string> NotCompared,
    double MaxSlowdownPercent,
    double MinSeconds)
{
    /// <summary>The stage slowdown that is ignored, as noise, however large in percent.</summary>
    public const double DefaultMinSeconds = 1.0;

    public const double DefaultMaxSlowdownPercent = 20;

    /// <summary>True when the later run is worse: a new failure, or a stage slower than allowed.</summary>
    public bool Regressed => NewFailures.Count > 0 || Slower.Count > 0;

    public static SuiteComparison Compare(SuiteReport before, SuiteReport after, double maxSlowdownPercent = DefaultMaxSlowdownPercent, double minSeconds = DefaultMinSeconds)
    {
        var old = before.Targets.ToDictionary(t => t.Target.Name, StringComparer.Ordinal);
        var now = after.Targets.ToDictionary(t => t.Target.Name, StringComparer.Ordinal);
        var common = after.Targets.Where(t => old.ContainsKey(t.Target.Name)).Select(t => t.Target.Name).ToList();
        var newFailures = new List<FailureChange>();
        var fixedOnes = new List<FailureChange>();
        var still = new List<FailureChange>();
        var slower = new List<StageChange>();
        var notCompared = new List<string>();
        foreach (var name in common)
        {
            var (a, b) = (old[name], now[name]);
            var failedBefore = Red(a);
            var failedAfter = Red(b);
            newFailures.AddRange(failedAfter.Where(f => !failedBefore.ContainsKey(f.Key)).Select(f => new FailureChange(name, f.Key, f.Value)));
            fixedOnes.AddRange(failedBefore.Where(f => !failedAfter.ContainsKey(f.Key)).Select(f => new FailureChange(name, f.Key, f.Value)));
            still.AddRange(failedAfter.Where(f => failedBefore.ContainsKey(f.Key)).Select(f => new FailureChange(name, f.Key, f.Value)));
            if (a.Run is null || b.Run is null) continue;
            if (Unlike(a.Run, b.Run, HostOf(before, a), HostOf(after, b)) is { } why)
            {
                notCompared.Add($"{name}: {why}");
                continue;
            }
            var stagesBefore = Stages.Of(a.Run.Milestones).ToDictionary(s => s.Stage, s => s.Seconds);
            foreach (var stage in Stages.Of(b.Run.Milestones))
            {
                if (stagesBefore.TryGetValue(stage.Stage, out var was) && stage.Seconds - was >= minSeconds && stage.Seconds > was * (1 + maxSlowdownPercent / 100))
                    slower.Add(new StageChange(name, stage.Stage, was, stage.Seconds));
            }
        }
        return new SuiteComparison(newFailures, fixedOnes, still,
            after.Targets.Select(t => t.Target.Name).Where(n => !old.ContainsKey(n)).ToList(),
            before.Targets.Select(t => t.Target.Name).Where(n => !now.ContainsKey(n)).ToList(),
            slower, notCompared, maxSlowdownPercent, minSeconds);
    }

    /// <summary>The comparison as the terminal shows it, one finding a line.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        void Section(string title, IReadOnlyCollection<string> items)
        {
            lines.Add($"{title} ({items.Count}){(items.Count == 0 ? "" : ":")}");
            lines.AddRange(items.Select(i => "  " + i));
        }
        Section("new failures", NewFailures.Select(f => $"{f.Target}  {f.Check}: {f.Message}").ToList());
        Section("fixed", Fixed.Select(f => $"{f.Target}  {f.Check}").ToList());
        Section("still failing", StillFailing.Select(f => $"{f.Target}  {f.Check}").ToList());
        Section($"slower (a stage above +{MaxSlowdownPercent:0.#} % and +{MinSeconds:0.#} s)", Slower.Select(s => s.Describe()).ToList());
        if (Added.Count > 0) Section("added targets", Added);
        if (Removed.Count > 0) Section("removed targets", Removed);
        if (NotCompared.Count > 0) Section("times not compared", NotCompared);
        return lines;
    }

    // Unexpected failures only: a known failure that has not expired is not red in either run.
    private static Dictionary<string, string> Red(TargetResult t) =>
        t.Failures.Where(f => !f.Expected).GroupBy(f => f.Check).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);

    private static HostClass? HostOf(SuiteReport report, TargetResult t) => report.Shards.FirstOrDefault(s => s.Index == t.Shard)?.Host;

    private static string? Unlike(Reports.RunReport runA, Reports.RunReport runB, HostClass? a, HostClass? b)
    {
        if (runA.Accelerator != runB.Accelerator) return $"accelerator {runA.Accelerator} → {runB.Accelerator}";
        if (runA.QemuVersion != runB.QemuVersion) return $"QEMU {runA.QemuVersion} → {runB.QemuVersion}";
        if (a is null || b is null) return "a run has no host class";
        return a.Id == b.Id ? null : $"host class differs ({a.Differences(b)})";
    }
}

/// <summary>A failed check of a target (or its boot, "boot") that appeared, went away, or stayed.</summary>
public sealed record FailureChange(string Target, string Check, string Message);

/// <summary>A stage of a target that took longer in the later run.</summary>
public sealed record StageChange(string Target, string Stage, double BeforeSeconds, double AfterSeconds)
{
    public string Describe() => $"{Target}  {Stage}: {BeforeSeconds:F1} s → {AfterSeconds:F1} s (+{(AfterSeconds / Math.Max(BeforeSeconds, 0.001) - 1) * 100:0} %)";
}
