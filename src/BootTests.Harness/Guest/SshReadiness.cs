namespace BootTests.Guest;

/// <summary>How long to keep knocking on sshd while the guest boots, and how to learn that the boot already failed.</summary>
/// <param name="Budget">Total time allowed from the first attempt until sshd answers.</param>
/// <param name="BootFailureCheck">Throws when the boot is known to have failed (QEMU exited, fatal console line); called before every attempt and at least every 250 ms while attempts wait.</param>
public sealed record SshReadiness(TimeSpan Budget, Action? BootFailureCheck = null)
{
    /// <summary>Upper bound for one connection attempt (TCP connect, banner, key exchange, login).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the first attempt waits for sshd's identification line before it is given up; each later attempt
    /// waits half as long again, up to AttemptTimeout. It is also how often a new attempt starts while earlier ones
    /// still wait (up to four at once): QEMU's user network accepts TCP before the guest has an address and only
    /// resends its SYN to the guest seconds later, so a connection opened too early is overtaken by a later one
    /// rather than waited for. Once a line arrives, that attempt has the whole AttemptTimeout and no new one starts.
    /// </summary>
    public TimeSpan FirstBannerTimeout { get; init; } = TimeSpan.FromMilliseconds(400);

    public void ThrowIfBootFailed() => BootFailureCheck?.Invoke();
}
