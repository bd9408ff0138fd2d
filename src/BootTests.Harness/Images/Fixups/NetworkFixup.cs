namespace BootTests.Images.Fixups;

/// <summary>DHCP by systemd-networkd on the recipe's interfaces, and networkd enabled: without it sshd runs but nothing reaches it.</summary>
public sealed class NetworkFixup : ITreeFixup
{
    public const string Path = "etc/systemd/network/20-boottests-dhcp.network";

    public string Name => "network";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (context.DhcpInterfaces.Length == 0) return FixupOutcome.Skipped(Name, "the recipe asks for no network configuration");
        if (!TreeFacts.HasSystemd(edit.Tree) || TreeFacts.Unit(edit.Tree, "systemd-networkd.service") is null)
            return FixupOutcome.Skipped(Name, "the tree has no systemd-networkd; its own network setup is left as it is");
        var wrote = edit.WriteText(Path, $"[Match]\nName={context.DhcpInterfaces}\n\n[Network]\nDHCP=ipv4\n");
        var links = SystemdEnable.Enable(edit, "systemd-networkd.service");
        if (!wrote && links.Count == 0) return FixupOutcome.Already(Name, $"/{Path} is there and systemd-networkd is enabled");
        return FixupOutcome.Did(Name, string.Join("; ", new[] { wrote ? $"wrote /{Path} (DHCP on {context.DhcpInterfaces})" : null, links.Count > 0 ? $"enabled systemd-networkd ({links.Count} links)" : null }.OfType<string>()));
    }
}
