using BootTests.Images.Cpio;

namespace BootTests.Images.Fixups;

/// <summary>The image's own ed25519 host key instead of the ones baked into the tree (its fingerprint is pinned), and key-only root login.</summary>
public sealed class SshHostKeyFixup : ITreeFixup
{
    public const string DropIn = "etc/ssh/sshd_config.d/boottests.conf";
    public const string DropInText = "HostKey /etc/ssh/ssh_host_ed25519_key\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nUseDNS no\n";

    // What the mmdebstrap hook writes when the recipe gives root a password.
    public const string PasswordDropInText = "HostKey /etc/ssh/ssh_host_ed25519_key\nPermitRootLogin yes\nPasswordAuthentication yes\nUseDNS no\n";

    public string Name => "ssh-host-key";

    public FixupOutcome Apply(TreeEdit edit, FixupContext context)
    {
        if (!TreeFacts.HasSshd(edit.Tree)) return FixupOutcome.Skipped(Name, "no OpenSSH server in the tree");
        var done = new List<string>();
        var ssh = edit.Tree.Resolve("etc/ssh") ?? edit.EnsureDirectory("etc/ssh");
        var others = edit.Tree.Under(ssh).Where(e => !e.Path[(ssh.Length + 1)..].Contains('/') && e.Path[(ssh.Length + 1)..].StartsWith("ssh_host_", StringComparison.Ordinal)
            && !e.Path.EndsWith("/ssh_host_ed25519_key", StringComparison.Ordinal) && !e.Path.EndsWith("/ssh_host_ed25519_key.pub", StringComparison.Ordinal)).Select(e => e.Path).ToList();
        foreach (var key in others) edit.Tree.Remove(key);
        if (others.Count > 0) done.Add($"removed {others.Count} baked-in host key file(s)");
        var privateChanged = edit.WriteBytes("etc/ssh/ssh_host_ed25519_key", context.HostPrivateKey, 0b110_000_000);
        var publicChanged = edit.WriteBytes("etc/ssh/ssh_host_ed25519_key.pub", context.HostPublicKey, 0b110_100_100);
        if (privateChanged || publicChanged) done.Add("installed this image's ed25519 host key");
        if (edit.WriteText(DropIn, context.RootPasswordLogin ? PasswordDropInText : DropInText)) done.Add($"wrote /{DropIn}");
        return done.Count == 0 ? FixupOutcome.Already(Name, "the tree has this image's host key") : FixupOutcome.Did(Name, string.Join(", ", done));
    }
}
