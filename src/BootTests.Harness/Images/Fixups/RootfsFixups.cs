namespace BootTests.Images.Fixups;

/// <summary>
/// The classic RAM-root fix-ups, applied to any tree when the image is packed (an mmdebstrap tree had them from its
/// hook, so there each reports "not needed"): edits of the tree's entries, never a command run inside an imported tree.
/// </summary>
public static class RootfsFixups
{
    // Bump when a fix-up changes what it writes, so images are packed again.
    public const string Version = "fixups-v3";

    public static IReadOnlyList<ITreeFixup> All { get; } =
    [
        new FstabFixup(), new SelinuxFixup(), new GettyNoclearFixup(), new MountPointsFixup(), new MachineIdFixup(), new HostnameFixup(),
        new NetworkFixup(), new SshHostKeyFixup(), new AuthorizedKeysFixup(), new RootPasswordFixup(), new SshEnableFixup(),
        new ModulesLoadFixup(), new BootInitrdFixup(), new ContainerMarkersFixup(),
    ];

    /// <summary>Applies every fix-up in order, each seeing the edits of the ones before.</summary>
    public static IReadOnlyList<FixupOutcome> Apply(MutableTree tree, FixupContext context, long mtime)
    {
        var edit = new TreeEdit(tree, mtime);
        return All.Select(f => f.Apply(edit, context)).ToList();
    }
}
