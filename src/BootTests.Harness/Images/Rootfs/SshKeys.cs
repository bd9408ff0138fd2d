using System.Security.Cryptography;
using BootTests.Host;

namespace BootTests.Images.Rootfs;

/// <summary>Makes the per-image SSH keys with ssh-keygen and computes OpenSSH fingerprints.</summary>
public static class SshKeys
{
    public static async Task CreateEd25519Async(string privateKeyPath, string comment, CancellationToken ct)
    {
        await ExternalTool.RunAsync(Stage.Rootfs, "ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", privateKeyPath], ct);
        File.SetUnixFileMode(privateKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The "SHA256:…" fingerprint of an OpenSSH public key line ("ssh-ed25519 AAAA… comment").</summary>
    public static string Fingerprint(string publicKeyLine)
    {
        var fields = publicKeyLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
            throw new FormatException($"Not an OpenSSH public key line: '{publicKeyLine}'.");
        return FingerprintOfBlob(Convert.FromBase64String(fields[1]));
    }

    public static string FingerprintOfBlob(ReadOnlySpan<byte> keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');
}
