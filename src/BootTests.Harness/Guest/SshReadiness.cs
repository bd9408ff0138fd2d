namespace BootTests.Guest;

/// <summary>How long to keep knocking on sshd while the guest boots, and how to learn that the boot already failed.</summary>
/// <param name="Budget">Total time allowed from the first attempt until sshd answers.</param>
/// <param name="BootFailureCheck">Throws when the boot is known to have failed (QEMU exited, fatal console line); called before every attempt.</param>
public sealed record SshReadiness(TimeSpan Budget, Action? BootFailureCheck = null)
{
    /// <summary>Upper bound for one connection attempt (TCP connect, banner, key exchange, login).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The first attempt's timeout; each later one is half as long again, up to AttemptTimeout. QEMU's user network
    /// accepts TCP before the guest has an address, and such an attempt only ends at its timeout: short early attempts
    /// notice the moment sshd becomes reachable, longer later ones leave a slow handshake time to finish.
    /// </summary>
    public TimeSpan FirstAttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public void ThrowIfBootFailed() => BootFailureCheck?.Invoke();
}
