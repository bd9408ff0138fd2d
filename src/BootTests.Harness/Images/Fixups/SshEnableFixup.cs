namespace BootTests.Images.Fixups;

/// <summary>The OpenSSH service enabled where systemd is there (a container image often installs it disabled).</summary>
public sealed class SshEnableFixup : ITreeFixup
{
    private static readonly string[] Units = ["ssh.service", "sshd.service"];

    public string Name => "ssh-enabled";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (!TreeFacts.HasSystemd(edit.Tree) || !TreeFacts.HasSshd(edit.Tree)) return FixupOutcome.Skipped(Name, "no systemd or no OpenSSH server in the tree");
        if (Units.FirstOrDefault(u => TreeFacts.Unit(edit.Tree, u) is not null) is not { } unit)
            return FixupOutcome.Skipped(Name, "sshd has no systemd unit (ssh.service or sshd.service)");
        if (Units.Any(u => SystemdEnable.IsEnabled(edit.Tree, u))) return FixupOutcome.Already(Name, $"{unit} is enabled");
        var links = SystemdEnable.Enable(edit, unit);
        return FixupOutcome.Did(Name, $"enabled {unit} ({string.Join(", ", links)})");
    }
}
