namespace BootTests.Tests.TestKit;

/// <summary>Looks for a secret in texts: a password as is, a private key by any 24-character piece of its base64 body.</summary>
internal sealed class SecretScan
{
    private const int Piece = 24;
    private readonly List<(string Name, string Text)> needles = [];

    public SecretScan WithPrivateKeyFile(string path)
    {
        var body = string.Concat(File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        body.Length.Should().BeGreaterThan(Piece * 4, $"{path} should be an OpenSSH private key");
        // The file holds the public key too, which known_hosts and reports may quote: a piece of it is no leak.
        var publicKey = PublicKeyOf(path);
        for (var start = 0; start + Piece <= body.Length; start += Piece)
        {
            var piece = body.Substring(start, Piece);
            if (!publicKey.Contains(piece, StringComparison.Ordinal)) needles.Add(($"a piece of the private key {path}", piece));
        }
        return this;
    }

    private static string PublicKeyOf(string privateKeyPath)
    {
        var keygen = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ssh-keygen", ["-y", "-f", privateKeyPath]) { RedirectStandardOutput = true })!;
        var line = keygen.StandardOutput.ReadToEnd();
        keygen.WaitForExit();
        keygen.ExitCode.Should().Be(0, $"ssh-keygen -y should read {privateKeyPath}");
        return line.Split(' ')[1];
    }

    public SecretScan WithPassword(string password)
    {
        needles.Add(("the password", password));
        return this;
    }

    /// <summary>"what leaked into where" for each secret found in each text.</summary>
    public IReadOnlyList<string> Leaks(IEnumerable<(string Where, string Text)> texts) =>
        texts.SelectMany(t => needles.Where(n => t.Text.Contains(n.Text, StringComparison.Ordinal)).Select(n => $"{n.Name} in {t.Where}"))
            .Distinct().ToList();

    /// <summary>Every file under the folder, as text.</summary>
    public static IEnumerable<(string Where, string Text)> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".sock", StringComparison.Ordinal) && new FileInfo(f).Length < 64 << 20)
            .Select(f => (f, File.ReadAllText(f)));
}
