namespace BootTests.Images.Fixups;

/// <summary>An empty /etc/fstab: nothing waits for a block device, and systemd mounts nothing over the RAM root.</summary>
public sealed class FstabFixup : ITreeFixup
{
    public string Name => "fstab";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var before = edit.ReadText("etc/fstab");
        if (before is "") return FixupOutcome.Already(Name, "/etc/fstab is empty");
        edit.WriteText("etc/fstab", "");
        var entries = (before ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return FixupOutcome.Did(Name, before is null ? "made an empty /etc/fstab"
            : entries.Count == 0 ? "emptied /etc/fstab (it held only comments)"
            : $"emptied /etc/fstab ({entries.Count} {(entries.Count == 1 ? "entry" : "entries")}: {string.Join("; ", entries.Take(3))}{(entries.Count > 3 ? "; …" : "")})");
    }
}
