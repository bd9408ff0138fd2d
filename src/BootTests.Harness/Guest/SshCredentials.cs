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

    public override string ToString() =>
        UsesPassword ? $"{User} (password, not shown)" : $"{User} (private key {PrivateKeyPath})";
}
