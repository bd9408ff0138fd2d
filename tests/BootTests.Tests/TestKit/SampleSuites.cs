using BootTests.Checks;
using BootTests.Reports;
using BootTests.Reports.Measurements;
using BootTests.Suites;

namespace BootTests.Tests.TestKit;

/// <summary>Suites, plans and shard reports shaped like real ones, made without booting: for sharding, merge, compare and JUnit tests.</summary>
internal static class SampleSuites
{
    public static HostClass Host { get; } = new("AMD EPYC 7B13", 2, "tcg", "QEMU emulator version 7.2.22", "SeaBIOS 1.16.2-debian-1.16.2-1", "6.18.44-fc-v669");

    public static SuiteTarget Target(string name, params string[] labels) => new(name, "debian-bookworm", "fast", "direct", SuiteTarget.RecipeMemory, "", labels);

    public static Suite Suite(int targets, IReadOnlyList<KnownFailure>? known = null) =>
        new("sample", "/suites/sample.json", Enumerable.Range(1, targets).Select(i => Target($"t{i:00}")).ToList(), known ?? []);

    /// <summary>A run whose checks pass, except those named; its ssh-ready is at <paramref name="sshReady"/> s.</summary>
    public static RunReport Run(double sshReady = 30, params string[] failing) => SampleReports.Passing with
    {
        Milestones = SampleBoots.Milestones(sshReady / 30.7),
        Checks = new[] { "root-is-tmpfs", "fstab-empty", "no-boot-errors" }.Select(c => new CheckResult(c, !failing.Contains(c), "good", failing.Contains(c) ? "bad" : "good")).ToList(),
    };

    public static TargetResult Result(SuiteTarget target, int shard, RunReport? run = null, DateOnly? today = null, IReadOnlyList<KnownFailure>? known = null)
    {
        run ??= Run();
        var (outcome, failures, notes) = KnownFailures.Evaluate(target.Name, run, null, known ?? [], today ?? new DateOnly(2026, 12, 1));
        return new TargetResult(target, shard, outcome, 42, failures, notes, $"runs/{target.Name}/1", run);
    }

    /// <summary>The report shard <paramref name="shard"/> of <paramref name="plan"/> writes when each of its targets ran as <paramref name="run"/> says (passing by default).</summary>
    public static SuiteReport ShardReport(SuitePlan plan, int shard, Func<SuiteTarget, RunReport>? run = null, HostClass? host = null) => new(
        SuiteReport.CurrentFormat, plan.Suite, plan.Digest, plan.ShardCount,
        plan.Targets.Select(t => new PlanEntry(t.Target.Name, t.Shard, t.ExpectedSeconds)).ToList(),
        [new ShardRun(shard, host ?? Host, "abc123", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), 100, "all targets")],
        [],
        plan.In(shard).Select(t => Result(t, shard, run?.Invoke(t))).ToList());
}
