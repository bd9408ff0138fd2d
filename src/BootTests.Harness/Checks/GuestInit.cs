using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Checks;

/// <summary>Which userspace init a booted guest runs, asked of the guest itself: PID 1's name and binary, and OpenRC's run state.</summary>
public static class GuestInit
{
    /// <summary>The one command the guest is asked: PID 1's name and binary, OpenRC's run folder, an inittab.</summary>
    public const string Probe = "cat /proc/1/comm; readlink -f /proc/1/exe; test -d /run/openrc && echo openrc; test -f /etc/inittab && echo inittab";

    /// <summary>systemd by PID 1's name; OpenRC by /run/openrc; BusyBox by PID 1's binary; sysvinit by its init and inittab; else <paramref name="fromConsole"/>.</summary>
    public static async Task<InitSystem> DetectAsync(IGuestShell guest, InitSystem fromConsole, CancellationToken ct)
    {
        var probe = await guest.RunAsync(Probe, ct: ct).ConfigureAwait(false);
        var lines = GuestFiles.Lines(probe.Stdout);
        var comm = lines.ElementAtOrDefault(0) ?? "";
        var exe = lines.ElementAtOrDefault(1) ?? "";
        if (comm == "systemd" || exe.EndsWith("/systemd", StringComparison.Ordinal)) return InitSystem.Systemd;
        if (lines.Contains("openrc")) return InitSystem.OpenRC;
        if (exe.EndsWith("/busybox", StringComparison.Ordinal)) return InitSystem.BusyBox;
        if (comm == "init" && lines.Contains("inittab")) return InitSystem.Sysvinit;
        return fromConsole;
    }
}
