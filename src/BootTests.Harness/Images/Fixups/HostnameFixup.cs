namespace BootTests.Images.Fixups;

/// <summary>/etc/hostname holds the recipe's host name.</summary>
public sealed class HostnameFixup : ITreeFixup
{
    public string Name => "hostname";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var before = edit.ReadText("etc/hostname")?.Trim();
        return edit.WriteText("etc/hostname", context.Hostname + "\n")
            ? FixupOutcome.Did(Name, $"/etc/hostname: {(string.IsNullOrEmpty(before) ? "(none)" : before)} → {context.Hostname}")
            : FixupOutcome.Already(Name, $"/etc/hostname is {context.Hostname}");
    }
}
