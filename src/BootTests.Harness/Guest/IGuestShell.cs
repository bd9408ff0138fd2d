namespace BootTests.Guest;

/// <summary>Runs commands inside the booted guest.</summary>
public interface IGuestShell
{
    /// <summary>The guest's host key fingerprint as seen on connect (<c>SHA256:…</c>).</summary>
    string HostKeyFingerprint { get; }

    Task<GuestCommandResult> RunAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default);
}
