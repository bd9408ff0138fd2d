namespace BootTests.Guest;

/// <summary>Who to log in as and how: a private key file or a password; never printed.</summary>
public sealed class SshCredentials
{
    private SshCredentials(string user, string? privateKeyPath, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        User = user;
        PrivateKeyPath = privateKeyPath;
        Password = password;
    }

    public string User { get; }

    /// <summary>Path of an OpenSSH private key file (unencrypted), or null when a password is used.</summary>
    public string? PrivateKeyPath { get; }

    // Internal so that nothing serialising the public surface (reports, logs) can pick it up.
    internal string? Password { get; }

    public bool UsesPassword => Password is not null;

    public static SshCredentials WithPrivateKeyFile(string user, string privateKeyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPath);
        return new SshCredentials(user, privateKeyPath, password: null);
    }

    public static SshCredentials WithPassword(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new SshCredentials(user, privateKeyPath: null, password);
    }

    /// <summary>Why the file cannot be used to log in (not an unencrypted OpenSSH private key, unreadable), or null; never quotes the file.</summary>
    public static string? PrivateKeyFileProblem(string path)
    {
        try
        {
            var bytes = BoundedFile.ReadAtMost(path, 64 << 10);
            if (bytes is null) return "is larger than 64 KiB, so it is not a private key; give the key file (e.g. the image's id_ed25519).";
            using var key = new Renci.SshNet.PrivateKeyFile(new MemoryStream(bytes));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return $"is not an unencrypted OpenSSH private key (or cannot be read); give a key made like `ssh-keygen -t ed25519 -N \"\"`, e.g. the image's id_ed25519.";
        }
    }

    public override string ToString() =>
        UsesPassword ? $"{User} (password, not shown)" : $"{User} (private key {PrivateKeyPath})";
}
