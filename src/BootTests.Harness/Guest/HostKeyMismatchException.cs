using BootTests.Serial;

namespace BootTests.Guest;

/// <summary>The guest presented a host key other than the pinned one; never retried.</summary>
public sealed class HostKeyMismatchException(GuestEndpoint endpoint, string expectedFingerprint, string actualFingerprint)
    : BootTestsException(ExitCode.BootFailed, Milestones.SshReady,
        $"SSH to {endpoint} refused: the host key fingerprint is {actualFingerprint} but {expectedFingerprint} was pinned. " +
        "Either the image was built with different host keys or something else answers on that port; " +
        "rebuild the image or update the pin if the new key is expected.")
{
    public GuestEndpoint Endpoint { get; } = endpoint;

    public string ExpectedFingerprint { get; } = expectedFingerprint;

    public string ActualFingerprint { get; } = actualFingerprint;
}
