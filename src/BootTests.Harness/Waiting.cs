using System.Diagnostics;

namespace BootTests;

/// <summary>
/// A wait that says what it waits for ("waiting for X"), how long it took ("X took N s"), and, when its budget runs out,
/// what its last try actually saw (the NixOS test driver's habit).
/// </summary>
public static class Waiting
{
    /// <summary>How often a wait tries again unless told otherwise.</summary>
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Calls <paramref name="attempt"/> until it reports done, pausing <paramref name="interval"/> between tries; its last try
    /// runs at the end of the budget, and a budget that runs out throws <see cref="WaitTimedOutException"/> quoting what it saw.
    /// </summary>
    public static async Task<T> ForAsync<T>(
        string what, TimeSpan budget, Func<CancellationToken, Task<WaitTry<T>>> attempt, IProgress<string>? log, string stage,
        CancellationToken ct, TimeSpan? interval = null)
    {
        log?.Report($"waiting for {what}");
        var clock = Stopwatch.StartNew();
        var pause = interval ?? DefaultInterval;
        var tries = 0;
        while (true)
        {
            tries++;
            var seen = await attempt(ct).ConfigureAwait(false);
            if (seen.Done)
            {
                log?.Report($"{what} took {clock.Elapsed.TotalSeconds:F1} s");
                return seen.Value;
            }
            var left = budget - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                log?.Report($"{what}: gave up after {clock.Elapsed.TotalSeconds:F1} s ({tries} tries); the last try saw: {seen.Seen}");
                throw new WaitTimedOutException(stage, what, budget, tries, seen.Seen);
            }
            await Task.Delay(pause < left ? pause : left, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>What one try of a wait found: done (with its value), or what it saw instead.</summary>
public readonly record struct WaitTry<T>(bool Done, T Value, string Seen)
{
    public static WaitTry<T> Success(T value) => new(true, value, "");

    public static WaitTry<T> NotYet(string seen) => new(false, default!, seen);
}
