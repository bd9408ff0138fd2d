using System.Text.Json.Serialization;

namespace BootTests.Suites;

/// <summary>
/// The results of a suite run (suite.json): one shard's, an unsharded run's, or several shards merged. It carries the
/// whole plan (every selected target and its shard), so a merge can tell a missing or duplicated shard.
/// </summary>
/// <remarks>
/// Format: The file format, <see cref="CurrentFormat"/>; other values are refused when read.
/// PlanDigest: Names the split of targets into shards; reports of one run of a suite share it.
/// Plan: Every selected target of the suite with its shard and expected seconds.
/// Shards: The shard runs whose targets this report holds.
/// MissingShards: Shards of the plan no report was given for (only a merge with --allow-missing has any).
/// </remarks>
public sealed record SuiteReport(
    string Format,
    string Suite,
    string PlanDigest,
    int ShardCount,
    IReadOnlyList<PlanEntry> Plan,
    IReadOnlyList<ShardRun> Shards,
    IReadOnlyList<int> MissingShards,
    IReadOnlyList<TargetResult> Targets)
{
    public const string CurrentFormat = "boottests-suite-1";

    /// <summary>pass when every planned target ran and passed or failed only as expected; otherwise fail.</summary>
    [JsonPropertyOrder(-1)]
    public string Verdict => ExitCode == 0 ? Reports.RunReport.Pass : Reports.RunReport.Fail;

    /// <summary>0 when all is well, 2 when a target's boot failed (or it could not be built or run), else 1 for a failed check or a target that did not run.</summary>
    [JsonIgnore]
    public int ExitCode =>
        Targets.Any(t => t.Outcome is TargetOutcome.BootFailed or TargetOutcome.Error) ? (int)BootTests.ExitCode.BootFailed
        : Targets.Any(t => t.Outcome == TargetOutcome.CheckFailed) || NotRun.Count > 0 ? (int)BootTests.ExitCode.CheckFailed
        : 0;

    /// <summary>How many targets ended each way, e.g. { "pass": 6, "expected-failure": 1 }.</summary>
    public IReadOnlyDictionary<string, int> Counts =>
        Targets.GroupBy(t => t.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The planned targets this report answers for: those of its shards, and of the shards missing from a merge.</summary>
    [JsonIgnore]
    public IReadOnlyList<PlanEntry> Covered => Plan.Where(p => Shards.Any(s => s.Index == p.Shard) || MissingShards.Contains(p.Shard)).ToList();

    /// <summary>Covered targets without a result: those of missing shards, or of a shard stopped part-way.</summary>
    [JsonIgnore]
    public IReadOnlyList<PlanEntry> NotRun => Covered.Where(p => Targets.All(t => t.Target.Name != p.Name)).ToList();
}

/// <summary>One planned target: its name, shard and expected seconds.</summary>
public sealed record PlanEntry(string Name, int Shard, double ExpectedSeconds);

/// <summary>One shard's run: which shard, on what host class, with what label, when and how long.</summary>
/// <remarks>
/// Selection: The --filter/--label options, which every shard of one run must share.
/// </remarks>
public sealed record ShardRun(int Index, Reports.Measurements.HostClass Host, string? Label, DateTimeOffset Started, double WallSeconds, string Selection);

/// <summary>The ways a target ends.</summary>
public static class TargetOutcome
{
    public const string Pass = "pass";

    /// <summary>Every failure was covered by a known failure that has not expired.</summary>
    public const string ExpectedFailure = "expected-failure";

    public const string CheckFailed = "check-failed";
    public const string BootFailed = "boot-failed";

    /// <summary>The target could not be built or started (a recipe that does not build, a tool missing…).</summary>
    public const string Error = "error";
}

/// <summary>What one target did: its spec, shard and outcome, how long it took, its failures (known or not), its run report and folder.</summary>
/// <remarks>
/// Seconds: Wall seconds for the target: image (cached or built), boot, checks, shutdown.
/// Notes: Known-failure entries that no longer matched (the check passed) or expired without a failure.
/// </remarks>
public sealed record TargetResult(
    SuiteTarget Target,
    int Shard,
    string Outcome,
    double Seconds,
    IReadOnlyList<TargetFailure> Failures,
    IReadOnlyList<string> Notes,
    string? RunFolder,
    Reports.RunReport? Run);

/// <summary>One failed check (or "boot"), and the known failure that covers it, if any.</summary>
/// <remarks>
/// Expected: True when an unexpired known failure covers it; it does not make the target red.
/// Expired: True when the only known failure covering it has expired: it is red again, and says so.
/// </remarks>
public sealed record TargetFailure(string Check, string Message, bool Expected, bool Expired, KnownFailureNote? Known);

/// <summary>The known failure that matched, as written in the suite.</summary>
public sealed record KnownFailureNote(string Reason, string Tracker, string Expires);
