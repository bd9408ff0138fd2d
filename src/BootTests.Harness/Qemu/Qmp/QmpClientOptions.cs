namespace BootTests.Qemu.Qmp;

/// <summary>Optional settings of a <see cref="QmpClient"/>.</summary>
public sealed record QmpClientOptions
{
    /// <summary>File that every line sent and received is appended to, with time and direction; null for none.</summary>
    public string? TranscriptPath { get; init; }

    /// <summary>How long to wait between attempts while the socket does not accept connections yet.</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);
}
