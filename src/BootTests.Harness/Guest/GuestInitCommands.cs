using BootTests.Images;

namespace BootTests.Guest;

/// <summary>How each init is asked to power off or reboot; every command returns at once, the init does the rest.</summary>
public static class GuestInitCommands
{
    // --no-block: systemctl returns once the job is queued, instead of holding the SSH channel while sshd is stopped.
    // sysvinit's poweroff and reboot hand over to shutdown(8) when not in runlevel 0 or 6; BusyBox's signal its init.
    private const string SystemdAtRuntime = "[ -d /run/systemd/system ]";

    public static string PowerOff(InitSystem init) => init switch
    {
        InitSystem.Systemd => "systemctl poweroff --no-block",
        InitSystem.Sysvinit or InitSystem.OpenRC or InitSystem.BusyBox => "poweroff",
        _ => $"if {SystemdAtRuntime}; then systemctl poweroff --no-block; else poweroff; fi",
    };

    public static string Reboot(InitSystem init) => init switch
    {
        InitSystem.Systemd => "systemctl reboot --no-block",
        InitSystem.Sysvinit or InitSystem.OpenRC or InitSystem.BusyBox => "reboot",
        _ => $"if {SystemdAtRuntime}; then systemctl reboot --no-block; else reboot; fi",
    };
}
