using System.Diagnostics;

namespace BootTests.Tests.TestKit;

/// <summary>A temp directory with a host key, an authorized client key, a stranger's key and an sshd config.</summary>
internal sealed class SshTestKeys : IDisposable
{
    private SshTestKeys(string directory) => Root = directory;

    public string Root { get; }

    public string HostKeyPath => Path.Combine(Root, "host_ed25519");

    public string ClientKeyPath => Path.Combine(Root, "client_ed25519");

    public string StrangerKeyPath => Path.Combine(Root, "stranger_ed25519");

    public string ConfigPath => Path.Combine(Root, "sshd_config");

    public string HostKeyFingerprint { get; private set; } = "";

    public static SshTestKeys Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "boottests-sshd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var keys = new SshTestKeys(directory);
        Generate(keys.HostKeyPath);
        Generate(keys.ClientKeyPath);
        Generate(keys.StrangerKeyPath);
        File.Copy(keys.ClientKeyPath + ".pub", Path.Combine(directory, "authorized_keys"));
        File.WriteAllLines(keys.ConfigPath,
        [
            $"HostKey {keys.HostKeyPath}",
            $"AuthorizedKeysFile {Path.Combine(directory, "authorized_keys")}",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PidFile none",
            "UsePAM no",
            "StrictModes no",
            "LogLevel VERBOSE",
        ]);
        // The fingerprint as OpenSSH itself prints it, so the harness's own computation is checked against it.
        keys.HostKeyFingerprint = Run("/usr/bin/ssh-keygen", "-l", "-f", keys.HostKeyPath + ".pub").Split(' ')[1];
        return keys;
    }

    private static void Generate(string path) =>
        Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", Path.GetFileName(path), "-f", path);

    private static string Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        }

        return output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
