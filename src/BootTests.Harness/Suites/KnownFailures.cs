using BootTests.Checks;
using BootTests.Reports;

namespace BootTests.Suites;

/// <summary>
/// Turns a target's run into its outcome: each failed check (or the failed boot, "boot") covered by a known failure
/// that has not expired is expected; one whose known failure has expired is red again and says so.
/// </summary>
public static class KnownFailures
{
    /// <summary>The check name a failed boot (or a target that could not be built or started) is known by.</summary>
    public const string BootCheck = "boot";

    /// <summary>The outcome, failures and notes of <paramref name="target"/> given its run report (null when it errored before booting, with <paramref name="error"/>).</summary>
    public static (string Outcome, IReadOnlyList<TargetFailure> Failures, IReadOnlyList<string> Notes) Evaluate(
        string target, RunReport? run, string? error, IReadOnlyList<KnownFailure> known, DateOnly today)
    {
        var seen = new List<(string Check, string Message)>();
        if (error is not null) seen.Add((BootCheck, error));
        if (run?.Failure is { } boot) seen.Add((BootCheck, $"{boot.Stage}: {boot.Message}"));
        // A check that cannot apply to this guest's init (getty-noclear off systemd) is no failure; a core check must pass.
        foreach (var check in run?.Checks.Where(c => c.Status == CheckStatus.Fail || (RamRootChecks.Core.Contains(c.Name) && !c.Passed)) ?? [])
            seen.Add((check.Name, $"expected {check.Expected}, actual {check.Actual}"));

        var failures = seen.Select(f => Judge(target, f.Check, f.Message, known, today)).ToList();
        var notes = Notes(target, run, failures, known, today);
        var outcome = failures.Count == 0 ? TargetOutcome.Pass
            : failures.All(f => f.Expected) ? TargetOutcome.ExpectedFailure
            : error is not null && !failures[0].Expected ? TargetOutcome.Error
            : failures.Any(f => f.Check == BootCheck && !f.Expected) ? TargetOutcome.BootFailed
            : TargetOutcome.CheckFailed;
        return (outcome, failures, notes);
    }

    private static TargetFailure Judge(string target, string check, string message, IReadOnlyList<KnownFailure> known, DateOnly today)
    {
        var covering = known.Where(k => k.Covers(target, check)).ToList();
        if (covering.FirstOrDefault(k => !k.IsExpired(today)) is { } live)
            return new TargetFailure(check, message, Expected: true, Expired: false, Note(live));
        if (covering.FirstOrDefault() is { } expired)
        {
            return new TargetFailure(check, $"known failure EXPIRED on {expired.Expires:yyyy-MM-dd} ({expired.Reason}; {expired.Tracker}), so it fails again: {message}. Fix it, or move 'expires' in the suite file if it is still being worked on.",
                Expected: false, Expired: true, Note(expired));
        }
        return new TargetFailure(check, message, Expected: false, Expired: false, null);
    }

    private static List<string> Notes(string target, RunReport? run, IReadOnlyList<TargetFailure> failures, IReadOnlyList<KnownFailure> known, DateOnly today)
    {
        var notes = new List<string>();
        foreach (var entry in known.Where(k => Glob.Matches(k.Target, target)))
        {
            if (failures.Any(f => entry.Covers(target, f.Check))) continue;
            var passed = run?.Checks.Any(c => c.Passed && Glob.Matches(entry.Check, c.Name)) == true
                || (entry.Check == BootCheck && run is { Failure: null });
            if (entry.IsExpired(today))
                notes.Add($"known failure '{entry.Check}' ({entry.Reason}) expired on {entry.Expires:yyyy-MM-dd} and did not happen: remove it from the suite file.");
            else if (passed)
                notes.Add($"known failure '{entry.Check}' ({entry.Reason}; {entry.Tracker}) did not happen: the check passed; remove the entry once it is fixed for good.");
        }
        return notes;
    }

    private static KnownFailureNote Note(KnownFailure k) => new(k.Reason, k.Tracker, k.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
