namespace BootTests.Serial;

/// <summary>Names of the boot milestones, in the order a healthy RAM-root boot reaches them.</summary>
/// <remarks>
/// sshd-started (any init's "SSH server started" line) comes before multi-user: multi-user.target waits for the units
/// it wants, ssh.service among them. The names of reports and histories before userspace-start and settled existed
/// stay valid: systemd boots still reach systemd-start and multi-user, now with the generic two beside them.
/// </remarks>
public static class Milestones
{
    public const string Firmware = "firmware";

    /// <summary>GRUB read its config, or iPXE runs the harness's script (boot via grub or ipxe only).</summary>
    public const string Bootloader = "bootloader";

    /// <summary>The harness's HTTP server got the request for the kernel (boot via ipxe only; seen by the server, not the console).</summary>
    public const string DownloadBegin = "download-begin";

    /// <summary>The bootloader has the kernel in memory (GRUB's linux command, or iPXE's kernel fetch, finished).</summary>
    public const string KernelLoaded = "kernel-loaded";

    /// <summary>The bootloader has the initramfs in memory.</summary>
    public const string InitrdLoaded = "initrd-loaded";

    /// <summary>The HTTP server sent the last byte of the initramfs (boot via ipxe only): download-end minus download-begin is the download time.</summary>
    public const string DownloadEnd = "download-end";

    public const string KernelStart = "kernel-start";
    public const string InitStart = "init-start";
    public const string ExtractBegin = "extract-begin";
    public const string ExtractEnd = "extract-end";
    public const string SwitchRoot = "switch-root";

    /// <summary>The real root's init started: systemd's, sysvinit's or OpenRC's own line, or (BusyBox init) the first userspace line after switch_root.</summary>
    public const string UserspaceStart = "userspace-start";
    public const string SystemdStart = "systemd-start";
    public const string SshdStarted = "sshd-started";
    public const string MultiUser = "multi-user";
    public const string LoginPrompt = "login-prompt";

    /// <summary>The init has done its start-up: systemd's multi-user.target, or any init's login prompt.</summary>
    public const string Settled = "settled";

    /// <summary>Reached when an SSH session works; recorded by the SSH stage, never seen on the console.</summary>
    public const string SshReady = "ssh-ready";

    public static IReadOnlyList<string> InBootOrder { get; } =
    [
        Firmware, Bootloader, DownloadBegin, KernelLoaded, InitrdLoaded, DownloadEnd, KernelStart, InitStart, ExtractBegin, ExtractEnd, SwitchRoot,
        UserspaceStart, SystemdStart, SshdStarted, MultiUser, LoginPrompt, Settled, SshReady,
    ];

    /// <summary>The milestone a boot is working towards once <paramref name="reached"/> is the furthest it got.</summary>
    public static string After(string? reached)
    {
        var index = reached is null ? -1 : IndexOf(reached);
        return InBootOrder[Math.Min(index + 1, InBootOrder.Count - 1)];
    }

    /// <summary>The position in <see cref="InBootOrder"/>, or -1 for a name not in it.</summary>
    public static int IndexOf(string milestone)
    {
        for (var i = 0; i < InBootOrder.Count; i++)
        {
            if (InBootOrder[i] == milestone)
                return i;
        }

        return -1;
    }
}
