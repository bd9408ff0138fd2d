using System.Text.RegularExpressions;
using BootTests.Guest;

namespace BootTests.Cli.Commands;

/// <summary>`verify`'s login options (--ssh-user, --ssh-key, --ssh-password, --host-key), checked before anything boots.</summary>
public static partial class VerifyLogin
{
    public static SshCredentials Credentials(string user, string? keyPath, string? password)
    {
        if (!UserName().IsMatch(user))
            throw BootTestsException.Usage(Stage.Ssh, $"--ssh-user '{PrintableText.Of(user)}' is not a user name; give e.g. root.");
        if (keyPath is not null && password is not null)
            throw BootTestsException.Usage(Stage.Ssh, "Give --ssh-key or --ssh-password (or BOOTTESTS_SSH_PASSWORD), not both.");
        if (keyPath is null && password is null)
            throw BootTestsException.Usage(Stage.Ssh, "Give --ssh-key FILE or --ssh-password P (or BOOTTESTS_SSH_PASSWORD) to log in with.");
        if (password is not null)
        {
            // The password itself is never quoted back.
            if (password.Length == 0)
                throw BootTestsException.Usage(Stage.Ssh, "--ssh-password (or BOOTTESTS_SSH_PASSWORD) is empty; give the guest user's password, or --ssh-key FILE.");
            return SshCredentials.WithPassword(user, password);
        }
        if (Directory.Exists(keyPath))
            throw BootTestsException.Usage(Stage.Ssh, $"--ssh-key '{keyPath}' is a directory; give the private key file (e.g. the image's id_ed25519).");
        if (!File.Exists(keyPath))
            throw BootTestsException.Usage(Stage.Ssh, $"--ssh-key '{keyPath}' does not exist; give the private key file (e.g. the image's id_ed25519).");
        if (SshCredentials.PrivateKeyFileProblem(keyPath!) is { } problem)
            throw BootTestsException.Usage(Stage.Ssh, $"--ssh-key '{keyPath}' {problem}");
        return SshCredentials.WithPrivateKeyFile(user, keyPath!);
    }

    public static HostKeyPin Pin(string? fingerprint)
    {
        if (fingerprint is null) return HostKeyPin.NotPinned;
        if (!Sha256Fingerprint().IsMatch(fingerprint.Trim()))
            throw BootTestsException.Usage(Stage.Ssh, $"--host-key '{PrintableText.Of(fingerprint)}' is not an OpenSSH SHA256 fingerprint (SHA256: and 43 base64 characters); `ssh-keygen -lf KEY.pub` prints it.");
        return HostKeyPin.Expect(fingerprint);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex UserName();

    [GeneratedRegex("^SHA256:[A-Za-z0-9+/]{43}$")]
    private static partial Regex Sha256Fingerprint();
}
