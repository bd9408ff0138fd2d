namespace BootTests.Images.Fixups;

/// <summary>What one fix-up did to a tree: done (with what), not needed (the tree was already so), or not applicable (e.g. no systemd).</summary>
public sealed record FixupOutcome(string Name, string Result, string Detail)
{
    public const string Done = "done";
    public const string NotNeeded = "not needed";
    public const string NotApplicable = "not applicable";

    public static FixupOutcome Did(string name, string detail) => new(name, Done, detail);
    public static FixupOutcome Already(string name, string detail) => new(name, NotNeeded, detail);
    public static FixupOutcome Skipped(string name, string detail) => new(name, NotApplicable, detail);

    public override string ToString() => $"{Name}: {Result} ({Detail})";
}
