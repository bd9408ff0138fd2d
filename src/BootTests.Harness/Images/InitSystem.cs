namespace BootTests.Images;

/// <summary>The userspace init a root tree starts (its /sbin/init): what a recipe asks for and what a boot shows.</summary>
public enum InitSystem
{
    /// <summary>Not known: the console showed nothing an init is known by.</summary>
    Unknown,
    Systemd,

    /// <summary>sysvinit as PID 1 with Debian's rc scripts.</summary>
    Sysvinit,

    /// <summary>OpenRC as the rc system (on Debian under sysvinit's PID 1, on Alpine under BusyBox's or its own).</summary>
    OpenRC,

    /// <summary>BusyBox's init applet with an /etc/inittab.</summary>
    BusyBox,
}

/// <summary>Reads and writes <see cref="InitSystem"/> as recipes and reports spell it.</summary>
public static class InitSystems
{
    public static IReadOnlyList<string> Names { get; } = ["systemd", "sysvinit", "openrc", "busybox"];

    public static string Name(this InitSystem init) => init.ToString().ToLowerInvariant();

    public static InitSystem? TryParse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "systemd" => InitSystem.Systemd,
        "sysvinit" => InitSystem.Sysvinit,
        "openrc" => InitSystem.OpenRC,
        "busybox" => InitSystem.BusyBox,
        _ => null,
    };
}
