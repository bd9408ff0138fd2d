namespace BootTests.Guest;

/// <summary>Growing pauses between connection attempts: small at first so a just-started sshd is found quickly.</summary>
internal sealed class RetryBackoff(TimeSpan first, double factor, TimeSpan cap)
{
    private TimeSpan next = first;

    public static RetryBackoff ForSshReadiness() =>
        new(TimeSpan.FromMilliseconds(50), 1.5, TimeSpan.FromMilliseconds(500));

    public TimeSpan Next()
    {
        var current = next;
        var grown = TimeSpan.FromTicks((long)(current.Ticks * factor));
        next = grown < cap ? grown : cap;
        return current;
    }
}
