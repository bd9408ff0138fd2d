namespace BootTests.Images.Fixups;

/// <summary>root's ~/.ssh/authorized_keys holds the image's client key (id_ed25519 beside the image).</summary>
public sealed class AuthorizedKeysFixup : ITreeFixup
{
    public string Name => "authorized-keys";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (!TreeFacts.HasSshd(edit.Tree)) return FixupOutcome.Skipped(Name, "no OpenSSH server in the tree");
        var home = RootHome(edit.ReadText("etc/passwd"));
        var folder = edit.EnsureDirectory(home, 0b111_000_000);
        var entry = edit.Tree.Get(folder + "/.ssh");
        var madeFolder = entry is null;
        edit.EnsureDirectory(folder + "/.ssh", 0b111_000_000);
        var wrote = edit.WriteBytes(folder + "/.ssh/authorized_keys", context.AuthorizedKeys, 0b110_000_000);
        return wrote || madeFolder
            ? FixupOutcome.Did(Name, $"/{home}/.ssh/authorized_keys holds this image's client key")
            : FixupOutcome.Already(Name, $"/{home}/.ssh/authorized_keys holds this image's client key");
    }

    private static string RootHome(string? passwd)
    {
        var root = passwd?.Split('\n').FirstOrDefault(l => l.StartsWith("root:", StringComparison.Ordinal))?.Split(':');
        var home = root is { Length: >= 6 } ? root[5].Trim('/') : "";
        return home.Length == 0 || home.Contains("..", StringComparison.Ordinal) ? "root" : home;
    }
}
