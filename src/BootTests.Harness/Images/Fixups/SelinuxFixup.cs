namespace BootTests.Images.Fixups;

/// <summary>SELINUX=disabled in /etc/selinux/config: a tmpfs root carries no labels.</summary>
public sealed class SelinuxFixup : ITreeFixup
{
    public const string Config = "SELINUX=disabled\nSELINUXTYPE=default\n";

    public string Name => "selinux";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var before = edit.ReadText("etc/selinux/config");
        var mode = before?.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("SELINUX=", StringComparison.Ordinal));
        if (mode == "SELINUX=disabled") return FixupOutcome.Already(Name, "/etc/selinux/config says SELINUX=disabled");
        edit.WriteText("etc/selinux/config", Config);
        return FixupOutcome.Did(Name, before is null ? "wrote /etc/selinux/config with SELINUX=disabled" : $"/etc/selinux/config said {mode ?? "no SELINUX="}; now SELINUX=disabled");
    }
}
