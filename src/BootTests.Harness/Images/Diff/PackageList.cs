using System.Text;

namespace BootTests.Images.Diff;

/// <summary>packages.tsv beside an image: the packages the tree's package database says are installed (dpkg or apk; an rpm database is named, not read).</summary>
public sealed record PackageList(string Database, IReadOnlyDictionary<string, string> Versions)
{
    public const string FileName = "packages.tsv";

    public static PackageList Of(RootfsTree tree)
    {
        if (tree.ReadText("var/lib/dpkg/status") is { } status) return new PackageList("dpkg", Dpkg(status));
        if (tree.ReadText("lib/apk/db/installed") is { } apk) return new PackageList("apk", Apk(apk));
        if (tree.Find("var/lib/rpm/rpmdb.sqlite") is not null || tree.Find("var/lib/rpm/Packages") is not null || tree.Find("usr/lib/sysimage/rpm/rpmdb.sqlite") is not null)
            return new PackageList("rpm (not read: boottest reads dpkg and apk databases)", new Dictionary<string, string>());
        return new PackageList("none", new Dictionary<string, string>());
    }

    public void Write(string path)
    {
        var text = new StringBuilder($"# database\t{Database}\n");
        foreach (var (name, version) in Versions.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append(name).Append('\t').Append(version).Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    public static PackageList Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var database = lines.FirstOrDefault(l => l.StartsWith("# database\t", StringComparison.Ordinal))?["# database\t".Length..] ?? "none";
        var versions = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return new PackageList(database, versions);
    }

    private static Dictionary<string, string> Dpkg(string status)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var paragraph in status.Split("\n\n"))
        {
            var fields = paragraph.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l.Contains(':'))
                .Select(l => (Key: l[..l.IndexOf(':')], Value: l[(l.IndexOf(':') + 1)..].Trim()))
                .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value);
            if (fields.TryGetValue("Package", out var name) && fields.TryGetValue("Version", out var version)
                && fields.GetValueOrDefault("Status", "").EndsWith(" installed", StringComparison.Ordinal))
            {
                var arch = fields.GetValueOrDefault("Architecture", "");
                result[arch is "" or "all" or "amd64" ? name : $"{name}:{arch}"] = version;
            }
        }
        return result;
    }

    private static Dictionary<string, string> Apk(string installed)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var line in installed.Split('\n'))
        {
            if (line.StartsWith("P:", StringComparison.Ordinal)) name = line[2..];
            else if (line.StartsWith("V:", StringComparison.Ordinal) && name is not null) result[name] = line[2..];
            else if (line.Length == 0) name = null;
        }
        return result;
    }
}
