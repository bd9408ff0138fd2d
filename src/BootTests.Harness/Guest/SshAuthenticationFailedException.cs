using BootTests.Serial;

namespace BootTests.Guest;

/// <summary>sshd answered but refused the credentials; never retried.</summary>
public sealed class SshAuthenticationFailedException(GuestEndpoint endpoint, SshCredentials credentials, Exception inner)
    : BootTestsException(ExitCode.BootFailed, Milestones.SshReady,
        $"SSH to {endpoint} as {credentials} was refused by the guest: {inner.Message}. " +
        "Check that the image's authorized_keys (or password) matches these credentials.",
        inner)
{
    public GuestEndpoint Endpoint { get; } = endpoint;
}
