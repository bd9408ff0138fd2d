namespace BootTests.Qemu;

/// <summary>How a QEMU process ended.</summary>
/// <param name="ExitCode">QEMU's exit code; with -action panic=exit-failure a pvpanic report makes it 1.</param>
/// <param name="StderrTail">The last lines QEMU wrote to stderr.</param>
/// <param name="GuestPanicked">True when the guest reported a panic (QMP GUEST_PANICKED).</param>
/// <param name="ShutdownReason">The reason of QMP's SHUTDOWN event, e.g. "guest-reset" (a reboot, which -no-reboot turns into an exit;
/// panic=-1 makes a kernel panic look like this), "guest-shutdown", "host-qmp-quit", "host-signal"; null if none was seen.</param>
/// <param name="HostSeconds">When QEMU exited, in seconds since it was started.</param>
public sealed record QemuExit(int ExitCode, string StderrTail, bool GuestPanicked, string? ShutdownReason, double HostSeconds);
