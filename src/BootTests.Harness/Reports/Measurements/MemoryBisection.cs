namespace BootTests.Reports.Measurements;

/// <summary>The outcome of a memory bisection: the smallest passing memory (null when even the high value failed) and the attempts made.</summary>
/// <param name="SmallestPassingMiB">The smallest value that passed, within the step of the true threshold; null when the high value failed.</param>
/// <param name="LargestFailingMiB">The largest value that failed, or null when none did (everything down to the low value passed).</param>
/// <param name="Attempts">Every value tried, in order, with its answer.</param>
public sealed record MemoryBisectionResult(int? SmallestPassingMiB, int? LargestFailingMiB, IReadOnlyList<MemoryAttempt> Attempts)
{
    public bool HighFailed => SmallestPassingMiB is null;
}

/// <summary>One boot of a bisection: the memory given and whether it reached ssh-ready.</summary>
public sealed record MemoryAttempt(int MiB, bool Passed);

/// <summary>Finds the smallest guest memory that still boots, by bisection between a low and a high value (assumes more memory never hurts).</summary>
public static class MemoryBisection
{
    public const int DefaultStepMiB = 32;

    /// <summary>
    /// Tries the high value first (a failure there is reported, nothing else is tried), then bisects over low, low + step, …:
    /// the answer passes and the value one step below it failed (or is below low). If everything passes the answer is low.
    /// </summary>
    public static async Task<MemoryBisectionResult> FindSmallestAsync(Func<int, Task<bool>> bootsWith, int low, int high, int step = DefaultStepMiB)
    {
        ArgumentNullException.ThrowIfNull(bootsWith);
        ArgumentOutOfRangeException.ThrowIfLessThan(low, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(high, low);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var attempts = new List<MemoryAttempt>();
        async Task<bool> Try(int mib)
        {
            var passed = await bootsWith(mib);
            attempts.Add(new MemoryAttempt(mib, passed));
            return passed;
        }

        if (!await Try(high)) return new MemoryBisectionResult(null, high, attempts);
        // Bisect over the grid low, low + step, … (high is the last point): index -1 stands for "below low", never tried.
        var last = (high - low + step - 1) / step;
        int Value(int index) => Math.Min(high, low + index * step);
        var passing = last;
        var failing = -1;
        while (passing - failing > 1)
        {
            var mid = failing + (passing - failing) / 2;
            if (await Try(Value(mid))) passing = mid;
            else failing = mid;
        }
        return new MemoryBisectionResult(Value(passing), failing < 0 ? null : Value(failing), attempts);
    }
}
