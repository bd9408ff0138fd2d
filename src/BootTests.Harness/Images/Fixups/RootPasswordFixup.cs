namespace BootTests.Images.Fixups;

/// <summary>root's password locked in /etc/shadow (login is by key only), as `passwd -l root` does.</summary>
public sealed class RootPasswordFixup : ITreeFixup
{
    public string Name => "root-password";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (context.RootPasswordLogin) return FixupOutcome.Skipped(Name, "the recipe's rootPassword lets root log in by password");
        if (edit.ReadText("etc/shadow") is not { } shadow) return FixupOutcome.Skipped(Name, "no /etc/shadow");
        var lines = shadow.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith("root:", StringComparison.Ordinal));
        if (index < 0) return FixupOutcome.Skipped(Name, "no root line in /etc/shadow");
        var fields = lines[index].Split(':');
        if (fields.Length < 2 || fields[1].StartsWith('*') || fields[1].StartsWith('!'))
            return FixupOutcome.Already(Name, "root's password is locked");
        fields[1] = "!" + fields[1];
        lines[index] = string.Join(':', fields);
        edit.WriteText("etc/shadow", string.Join('\n', lines));
        return FixupOutcome.Did(Name, fields[1] == "!" ? "root had no password: locked it" : "locked root's password");
    }
}
