namespace BootTests.Guest;

/// <summary>How long to keep knocking on sshd while the guest boots, and how to learn that the boot already failed.</summary>
/// <param name="Budget">Total time allowed from the first attempt until sshd answers.</param>
/// <param name="BootFailureCheck">Throws when the boot is known to have failed (QEMU exited, fatal console line); called before every attempt.</param>
public sealed record SshReadiness(TimeSpan Budget, Action? BootFailureCheck = null)
{
    /// <summary>Upper bound for one connection attempt (TCP connect, banner, key exchange, login).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public void ThrowIfBootFailed() => BootFailureCheck?.Invoke();
}
