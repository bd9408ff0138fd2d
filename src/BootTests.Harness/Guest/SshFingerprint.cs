using System.Security.Cryptography;

namespace BootTests.Guest;

/// <summary>OpenSSH-style host key fingerprints: <c>SHA256:</c> + unpadded base64 of SHA-256 of the key blob.</summary>
public static class SshFingerprint
{
    public const string Prefix = "SHA256:";

    public static string OfHostKeyBlob(ReadOnlySpan<byte> keyBlob) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>Fingerprint of an OpenSSH public key line (<c>ssh-ed25519 AAAA… comment</c>).</summary>
    public static string OfPublicKeyLine(string publicKeyLine)
    {
        var fields = publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            throw new FormatException($"'{publicKeyLine}' is not an OpenSSH public key line ('TYPE BASE64 [COMMENT]').");
        }

        return OfHostKeyBlob(Convert.FromBase64String(fields[1]));
    }
}
