namespace BootTests.Session;

/// <summary>How a power-off ended: the guest's command that was sent (null when there was no SSH to send it over), whether QEMU then exited by itself, and when.</summary>
public sealed record PowerOffOutcome(string? GuestCommand, bool ExitedByItself, double Seconds, int? QemuExitCode)
{
    public string Describe() => ExitedByItself
        ? $"the guest powered off ('{GuestCommand}'); QEMU exited with code {QemuExitCode} after {Seconds:F1} s"
        : GuestCommand is null
            ? $"QEMU was stopped (QMP quit) after {Seconds:F1} s; there was no SSH connection to power the guest off with"
            : $"the guest did not power off within {Seconds:F1} s of '{GuestCommand}'; QEMU was stopped (QMP quit)";
}
