namespace BootTests.Console;

/// <summary>Names of the boot milestones, in the order a healthy RAM-root boot reaches them.</summary>
/// <remarks>
/// sshd-started comes before multi-user: multi-user.target waits for the units it wants, ssh.service
/// among them, and both recorded transcripts show "Started ssh.service" first.
/// </remarks>
public static class Milestones
{
    public const string Firmware = "firmware";
    public const string KernelStart = "kernel-start";
    public const string InitStart = "init-start";
    public const string ExtractBegin = "extract-begin";
    public const string ExtractEnd = "extract-end";
    public const string SwitchRoot = "switch-root";
    public const string SystemdStart = "systemd-start";
    public const string SshdStarted = "sshd-started";
    public const string MultiUser = "multi-user";
    public const string LoginPrompt = "login-prompt";

    /// <summary>Reached when an SSH session works; recorded by the SSH stage, never seen on the console.</summary>
    public const string SshReady = "ssh-ready";

    public static IReadOnlyList<string> InBootOrder { get; } =
    [
        Firmware, KernelStart, InitStart, ExtractBegin, ExtractEnd, SwitchRoot,
        SystemdStart, SshdStarted, MultiUser, LoginPrompt, SshReady,
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
            if (InBootOrder[i] == milestone)
                return i;
        return -1;
    }
}
