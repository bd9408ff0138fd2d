namespace BootTests.Images.Fixups;

/// <summary>The getty drop-in TTYVTDisallocate=no, so the console keeps the boot messages (where systemd is there).</summary>
public sealed class GettyNoclearFixup : ITreeFixup
{
    public const string Path = "etc/systemd/system/getty@.service.d/noclear.conf";
    public const string Content = "[Service]\nTTYVTDisallocate=no\n";

    public string Name => "getty-noclear";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (!TreeFacts.HasSystemd(edit.Tree)) return FixupOutcome.Skipped(Name, "no systemd in the tree");
        return edit.WriteText(Path, Content)
            ? FixupOutcome.Did(Name, $"wrote /{Path}")
            : FixupOutcome.Already(Name, $"/{Path} is there");
    }
}
