using BootTests.Serial;

namespace BootTests.Guest;

/// <summary>sshd did not answer within the readiness budget.</summary>
public sealed class SshNotReadyException(GuestEndpoint endpoint, int attempts, TimeSpan budget, Exception? lastError)
    : BootTestsException(ExitCode.BootFailed, Milestones.SshReady,
        $"SSH to {endpoint} did not become ready within {budget.TotalSeconds:0.#} s ({attempts} attempts). " +
        $"Last error: {lastError?.GetType().Name}: {lastError?.Message.TrimEnd('.')}. " +
        "Look at the console log for whether the guest reached sshd and brought up its network; " +
        "raise the budget if the boot is merely slow (e.g. TCG instead of KVM).",
        lastError)
{
    public GuestEndpoint Endpoint { get; } = endpoint;

    public int Attempts { get; } = attempts;
}
