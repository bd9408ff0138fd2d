using System.Text.Json.Serialization;

namespace BootTests.Checks;

/// <summary>Whether a check held: it passed, it failed, or it cannot apply to this guest (with the reason in Actual).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    [JsonStringEnumMemberName("fail")]
    Fail,

    [JsonStringEnumMemberName("not-applicable")]
    NotApplicable,
}

/// <summary>The outcome of one RAM-root check: what was promised and what the guest showed (for not-applicable: why not).</summary>
public sealed record CheckResult
{
    [JsonConstructor]
    public CheckResult(string name, CheckStatus status, string expected, string actual)
    {
        Name = name;
        Status = status;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>A pass or a fail.</summary>
    public CheckResult(string name, bool passed, string expected, string actual)
        : this(name, passed ? CheckStatus.Pass : CheckStatus.Fail, expected, actual)
    {
    }

    public string Name { get; init; }

    public CheckStatus Status { get; init; }

    public string Expected { get; init; }

    public string Actual { get; init; }

    /// <summary>How long the check took in the guest (set by the runner; JUnit's testcase time).</summary>
    public double? Seconds { get; init; }

    /// <summary>True only for a pass; a not-applicable check did not pass.</summary>
    public bool Passed => Status == CheckStatus.Pass;

    /// <summary>A check that cannot apply to this guest, never reported as a pass.</summary>
    public static CheckResult NotApplicable(string name, string expected, string reason) => new(name, CheckStatus.NotApplicable, expected, reason);
}
