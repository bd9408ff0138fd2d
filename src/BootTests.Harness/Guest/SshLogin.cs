using System.Globalization;
using System.Text.Json;

namespace BootTests.Guest;

/// <summary>
/// How a person gets into the running guest with OpenSSH: the port, the user, the key, and a known_hosts file holding the
/// host key the harness's pinned connection accepted, so `ssh` checks it strictly instead of asking or refusing.
/// </summary>
public sealed record SshLogin(string User, int Port, string? PrivateKeyPath, string KnownHostsPath)
{
    public const string FileName = "ssh.json";
    public const string KnownHostsFileName = "known_hosts";

    /// <summary>ssh's arguments, the destination last; append "--" and a command to run one.</summary>
    public IReadOnlyList<string> Arguments =>
    [
        .. PrivateKeyPath is null ? Array.Empty<string>() : ["-i", PrivateKeyPath, "-o", "IdentitiesOnly=yes"],
        "-p", Port.ToString(CultureInfo.InvariantCulture),
        "-o", $"UserKnownHostsFile={KnownHostsPath}",
        "-o", "StrictHostKeyChecking=yes",
        $"{User}@127.0.0.1",
    ];

    /// <summary>The command line as one would type it, each argument quoted for a POSIX shell where it needs it.</summary>
    public string CommandLine => "ssh " + string.Join(' ', Arguments.Select(QuoteIfNeeded));

    /// <summary>Writes known_hosts (one line: [127.0.0.1]:PORT KEY) and ssh.json into the run folder; returns the login.</summary>
    public static SshLogin Write(string runDirectory, string user, int port, string? privateKeyPath, string hostKey)
    {
        var knownHosts = Path.Combine(runDirectory, KnownHostsFileName);
        File.WriteAllText(knownHosts, $"[127.0.0.1]:{port.ToString(CultureInfo.InvariantCulture)} {hostKey}\n");
        var login = new SshLogin(user, port, privateKeyPath, knownHosts);
        File.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(login, JsonOptions));
        return login;
    }

    /// <summary>The login a run folder holds, or null when its boot never reached SSH.</summary>
    public static SshLogin? ReadFrom(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<SshLogin>(File.ReadAllText(path), JsonOptions) : null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string QuoteIfNeeded(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal)) ? word : ShellWord.Quote(word);
}
