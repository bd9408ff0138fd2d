using BootTests.Images;
using BootTests.Qemu;

namespace BootTests.Suites;

/// <summary>How a suite run goes: which shard, which targets, where the results go, the accelerator, the label, and "today" for known failures.</summary>
/// <remarks>
/// OutFolder: Gets suite.json, junit.xml and runs/TARGET/ (one run folder per target).
/// Today: The day known failures' expiry is judged on (UTC).
/// Cache: The image cache (shared by shards on one host); the default cache when null.
/// </remarks>
public sealed record SuiteRunOptions(
    ShardSpec Shard,
    TargetSelection Selection,
    TargetTimings Timings,
    string OutFolder,
    AcceleratorChoice Accelerator,
    string? Label,
    DateOnly Today,
    IProgress<string>? Progress = null,
    CacheDirectory? Cache = null);
