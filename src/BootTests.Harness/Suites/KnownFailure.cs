namespace BootTests.Suites;

/// <summary>A checked known-failure entry: which targets and checks it covers, why, where it is tracked, and its last day.</summary>
/// <remarks>
/// Expires: The last day the failure is expected (UTC).
/// </remarks>
public sealed record KnownFailure(string Target, string Check, string Reason, string Tracker, DateOnly Expires)
{
    public bool Covers(string target, string check) => Glob.Matches(Target, target) && Glob.Matches(Check, check);

    /// <summary>Expired once <paramref name="today"/> is past the last day.</summary>
    public bool IsExpired(DateOnly today) => today > Expires;

    public string Describe() => $"{Reason} ({Tracker}; expires {Expires:yyyy-MM-dd})";
}
