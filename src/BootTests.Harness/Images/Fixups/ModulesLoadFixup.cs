namespace BootTests.Images.Fixups;

/// <summary>Where systemd runs without udev (common in container images), systemd-modules-load loads the NIC's modules instead, or the guest has no network.</summary>
public sealed class ModulesLoadFixup : ITreeFixup
{
    public const string Path = "etc/modules-load.d/boottests-nic.conf";

    public string Name => "nic-modules";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (!TreeFacts.HasSystemd(edit.Tree)) return FixupOutcome.Skipped(Name, "no systemd in the tree");
        if (TreeFacts.HasFile(edit.Tree, TreeFacts.UdevdPaths)) return FixupOutcome.Already(Name, "udev loads the NIC's modules");
        return edit.WriteText(Path, string.Join('\n', context.NicModules) + "\n")
            ? FixupOutcome.Did(Name, $"no udev in the tree: /{Path} has systemd-modules-load load {string.Join(" ", context.NicModules)}")
            : FixupOutcome.Already(Name, $"/{Path} loads {string.Join(" ", context.NicModules)}");
    }
}
