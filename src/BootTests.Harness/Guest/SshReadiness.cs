namespace BootTests.Guest;

/// <summary>How long to keep knocking on sshd while the guest boots, and how to learn that the boot already failed.</summary>
/// <param name="Budget">Total time allowed from the first attempt until sshd answers.</param>
/// <param name="BootFailureCheck">Throws when the boot is known to have failed (QEMU exited, fatal console line); called before every attempt.</param>
public sealed record SshReadiness(TimeSpan Budget, Action? BootFailureCheck = null)
{
    /// <summary>Upper bound for one connection attempt (TCP connect, banner, key exchange, login).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the first attempt waits for sshd's identification line before starting over; each later attempt
    /// waits half as long again, up to AttemptTimeout. QEMU's user network accepts TCP before the guest has an
    /// address and only retransmits its SYN to the guest a second or more later, so a connection opened too early
    /// is better abandoned than waited for; once the line arrives, the attempt has the whole AttemptTimeout.
    /// </summary>
    public TimeSpan FirstBannerTimeout { get; init; } = TimeSpan.FromMilliseconds(400);

    public void ThrowIfBootFailed() => BootFailureCheck?.Invoke();
}
