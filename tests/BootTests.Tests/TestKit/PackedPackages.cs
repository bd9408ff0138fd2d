using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace BootTests.Tests.TestKit;

/// <summary>The packages `dotnet pack` wrote (run-tests.sh packs into artifacts/packages, or $BOOTTESTS_PACKAGES), and what is inside one.</summary>
internal static class PackedPackages
{
    public static string Folder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("BOOTTESTS_PACKAGES") ?? Path.Combine(RepositoryRoot(), "artifacts", "packages");
            Directory.Exists(folder).Should().BeTrue($"the packed packages should be in {folder}: run `dotnet pack BootTests.sln -c Release -o artifacts/packages` (run-tests.sh does)");
            return folder;
        }
    }

    /// <summary>The version every package was packed with (the one Version property), as the built assemblies carry it.</summary>
    public static string Version =>
        typeof(BootTests.Session.BootSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    public static string PathOf(string id)
    {
        var path = Path.Combine(Folder, $"{id}.{Version}.nupkg");
        File.Exists(path).Should().BeTrue($"dotnet pack should have written {path}");
        return path;
    }

    /// <summary>The package's .nuspec, without its XML namespace so tests can name elements plainly.</summary>
    public static XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PathOf(id));
        using var stream = zip.Entries.Single(e => e.FullName == $"{id}.nuspec").Open();
        var root = XElement.Load(stream);
        foreach (var element in root.DescendantsAndSelf()) element.Name = element.Name.LocalName;
        return root;
    }

    public static IReadOnlyList<string> Files(string id)
    {
        using var zip = ZipFile.OpenRead(PathOf(id));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BootTests.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BootTests.sln not found above the test directory");
    }
}
