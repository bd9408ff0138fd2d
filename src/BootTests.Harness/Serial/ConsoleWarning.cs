namespace BootTests.Serial;

/// <summary>A console line that signals trouble without ending the boot (e.g. a systemd device timeout).</summary>
public sealed record ConsoleWarning(string Reason, string Line, double HostSeconds, double? GuestSeconds);
