namespace BootTests.Guest;

/// <summary>The host key fingerprint the guest must present (OpenSSH <c>SHA256:…</c> form), or none to only record it.</summary>
public sealed record HostKeyPin
{
    private HostKeyPin(string? expectedFingerprint) => ExpectedFingerprint = expectedFingerprint;

    /// <summary>The expected <c>SHA256:…</c> fingerprint, or null when the key is not pinned.</summary>
    public string? ExpectedFingerprint { get; }

    public bool IsPinned => ExpectedFingerprint is not null;

    /// <summary>Accepts whatever key the guest presents; the fingerprint seen is still recorded.</summary>
    public static HostKeyPin NotPinned { get; } = new((string?)null);

    public static HostKeyPin Expect(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var trimmed = fingerprint.Trim();
        if (!trimmed.StartsWith(SshFingerprint.Prefix, StringComparison.Ordinal) || trimmed.Length <= SshFingerprint.Prefix.Length)
        {
            throw new ArgumentException(
                $"Host key pin '{fingerprint}' is not an OpenSSH SHA-256 fingerprint. " +
                "Expected the form 'SHA256:<base64>' as printed by 'ssh-keygen -lf KEY.pub'.",
                nameof(fingerprint));
        }

        return new HostKeyPin(trimmed);
    }

    public bool Accepts(string actualFingerprint) =>
        !IsPinned || string.Equals(ExpectedFingerprint, actualFingerprint, StringComparison.Ordinal);

    public override string ToString() => ExpectedFingerprint ?? "not pinned";
}
