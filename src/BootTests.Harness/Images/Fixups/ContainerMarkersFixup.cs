namespace BootTests.Images.Fixups;

/// <summary>No /.dockerenv or /run/.containerenv: with them systemd believes it runs in a container and skips units a VM needs (docker export leaves /.dockerenv).</summary>
public sealed class ContainerMarkersFixup : ITreeFixup
{
    private static readonly string[] Markers = [".dockerenv", "run/.containerenv"];

    public string Name => "container-markers";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        var removed = Markers.Where(edit.Remove).Select(m => "/" + m).ToList();
        return removed.Count == 0
            ? FixupOutcome.Already(Name, "no /.dockerenv or /run/.containerenv")
            : FixupOutcome.Did(Name, $"removed {string.Join(", ", removed)}, which would make systemd think it runs in a container");
    }
}
