using BootTests.Images.Rootfs;

namespace BootTests.Guest;

/// <summary>OpenSSH-style host key fingerprints: <c>SHA256:</c> + unpadded base64 of SHA-256 of the key blob.</summary>
/// <remarks>The image stage computes the same fingerprint for the manifest; both must agree, so this delegates to it.</remarks>
public static class SshFingerprint
{
    public const string Prefix = "SHA256:";

    public static string OfHostKeyBlob(ReadOnlySpan<byte> keyBlob) => SshKeys.FingerprintOfBlob(keyBlob);

    /// <summary>Fingerprint of an OpenSSH public key line (<c>ssh-ed25519 AAAA… comment</c>).</summary>
    public static string OfPublicKeyLine(string publicKeyLine) => SshKeys.Fingerprint(publicKeyLine);
}
