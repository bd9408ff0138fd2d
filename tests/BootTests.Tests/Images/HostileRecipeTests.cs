using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BootTests.Images;
using BootTests.Tests.Cli;

namespace BootTests.Tests.Images;

/// <summary>
/// Every recipe field with hostile values, in a recipe file whose path has spaces and shell metacharacters: a usage error
/// (exit 3) naming the file, line and column, the field and the value.
/// </summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class HostileRecipeTests
{
    private ScratchDirectory scratch = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public void Create_the_folder()
    {
        scratch = new ScratchDirectory("boottests-hostile-recipe-");
        folder = Directory.CreateDirectory(scratch.Combine(HostileInputTests.ShellBait)).FullName;
    }

    [OneTimeTearDown]
    public void Delete_the_folder() => scratch.Dispose();

    public static IEnumerable<TestCaseData> BadValues()
    {
        TestCaseData Case(string set, string json, string field, string shown) =>
            new TestCaseData(set, json, field, shown).SetName($"{{m}}({field} = {json.Replace("\n", "\\n")})");

        yield return Case("name", "\"a b\"", "name", "'a b'");
        yield return Case("name", "\"../x\"", "name", "'../x'");
        yield return Case("rootfs.suite", "\"bookworm; rm -rf /\"", "rootfs.suite", "'bookworm; rm -rf /'");
        yield return Case("rootfs.variant", "\"huge\"", "rootfs.variant", "'huge'");
        yield return Case("rootfs.packages", "[\"systemd-sysv\", \"--help\", \"linux-image-amd64\"]", "rootfs.packages[1]", "'--help'");
        yield return Case("rootfs.packages", "[\"$(touch pwned)\", \"linux-image-amd64\"]", "rootfs.packages[0]", "'$(touch pwned)'");
        yield return Case("rootfs.packages", "[\"systemd-sysv\"]", "rootfs.packages", "linux-image");
        yield return Case("rootfs.mirror", "\"-\"", "rootfs.mirror", "'-'");
        yield return Case("rootfs.hooks", "[\"merged-usr\", \"../../tmp/x\"]", "rootfs.hooks[1]", "'../../tmp/x'");
        yield return Case("rootfs.hooks", "[\"--hook-dir=/tmp\"]", "rootfs.hooks[0]", "'--hook-dir=/tmp'");
        yield return Case("rootfs.pathExclude", "[\"usr/share/doc/*\"]", "rootfs.pathExclude[0]", "'usr/share/doc/*'");
        yield return Case("rootfs.pathExclude", "[\"/usr/share/doc/* --dpkgopt=x\"]", "rootfs.pathExclude[0]", "without spaces");
        yield return Case("rootfs.pathExclude", "[\"/usr/../etc/*\"]", "rootfs.pathExclude[0]", "'/usr/../etc/*'");
        yield return Case("rootfs.pathExclude", "[\"/*\"]", "rootfs.pathExclude[0]", "matches every file");
        yield return Case("rootfs.pathInclude", "[\"/usr/share/doc/*\", \"$(touch pwned)\"]", "rootfs.pathInclude[1]", "'$(touch pwned)'");
        yield return Case("rootfs.mirror", "\"ftp://deb.example\"", "rootfs.mirror", "'ftp://deb.example'");
        yield return Case("rootfs.mirror", "\"http://deb.example/a b\"", "rootfs.mirror", "'http://deb.example/a b'");
        yield return Case("kernelModules", "[]", "kernelModules", "empty");
        yield return Case("kernelModules", "[\"../evil\"]", "kernelModules[0]", "'../evil'");
        yield return Case("hostname", "\"a b\"", "hostname", "'a b'");
        yield return Case("hostname", "\"-x\"", "hostname", "'-x'");
        yield return Case("network.dhcpInterfaces", "\"en*\\n[Network]\\nDNS=10.0.2.2\"", "network.dhcpInterfaces", "DNS=10.0.2.2");
        yield return Case("network.dhcpInterfaces", "\"$(touch pwned)\"", "network.dhcpInterfaces", "'$(touch pwned)'");
        foreach (var field in new[] { "tmpfsSize", "memory" })
        {
            foreach (var size in new[] { "-1", "10XB", "0", "1e9", "", " ", "99999999999999999999", "2T" })
                yield return Case(field, $"\"{size}\"", field, $"'{size}'");
        }

        yield return Case("memory", "\"64M\"", "memory", "'64M'");
        foreach (var path in new[] { "../x", "/etc/x", "etc/../../x", "", "etc/\\u0001x", "." })
            yield return Case("overlay", $"[{{ \"path\": \"{path}\", \"content\": \"x\" }}]", "overlay[0].path", "is '");
        yield return Case("overlay", "[{ \"path\": \"etc/x\" }]", "overlay[0]", "exactly one of");
        yield return Case("overlay", "[{ \"path\": \"etc/x\", \"content\": \"a\", \"symlink\": \"b\" }]", "overlay[0]", "exactly one of");
        yield return Case("overlay", "[{ \"path\": \"etc/x\", \"content\": \"a\", \"mode\": \"999\" }]", "overlay[0].mode", "'999'");
        yield return Case("overlay", "[{ \"path\": \"etc/x\", \"symlink\": \"\" }]", "overlay[0].symlink", "''");
        yield return Case("overlay", "[{ \"path\": \"etc/l\", \"symlink\": \"/\" }, { \"path\": \"etc/l/passwd\", \"content\": \"x\" }]",
            "overlay[1].path", "through overlay[0]");
        yield return Case("overlay", "[{ \"path\": \"etc/x\", \"content\": \"a\" }, { \"path\": \"./etc//x\", \"content\": \"b\" }]",
            "overlay[1].path", "same file as overlay[0]");
    }

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_value_names_the_file_line_column_field_and_value(string set, string json, string field, string shown)
    {
        var path = Write(Mutated(set, json));

        var act = () => RecipeLoader.Load(path);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Stage.Should().Be("recipe");
        error.Message.Should().MatchRegex($"^Recipe {Regex.Escape(path)}:[0-9]+:[0-9]+: '{Regex.Escape(field)}' ");
        error.Message.Should().Contain(shown).And.NotContain("\n");
        Canary.ShouldFindNoneUnder(scratch.Path);
    }

    [TestCase("memory", "2048")]
    [TestCase("overlay", "\"etc/x\"")]
    [TestCase("rootfs", "null")]
    [TestCase("nmae", "\"typo\"")]
    public void A_value_of_the_wrong_type_or_an_unknown_field_names_the_file_line_and_column(string set, string json)
    {
        var path = Write(Mutated(set, json));

        var act = () => RecipeLoader.Load(path);

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage)
            .Which.Message.Should().MatchRegex($"^Recipe {Regex.Escape(path)}:[0-9]+:[0-9]+ is not valid");
    }

    [Test]
    public void The_line_and_column_point_at_the_bad_value()
    {
        var json = "{\n  \"name\": \"x\",\n  \"overlay\": [\n    { \"path\": \"a\" },\n    { \"path\": \"../b\" }\n  ]\n}\n";

        JsonLocation.Find(json, "overlay[1].path").Should().Be("5:15");
        JsonLocation.Find(json, "name").Should().Be("2:11");
        JsonLocation.Find(json, "overlay[2].path").Should().BeNull();
    }

    [Test]
    public void An_overlay_written_through_a_link_of_the_rootfs_names_the_entry_and_the_real_path()
    {
        var tree = new RootfsTree(TreeEntries.MergedUsr());
        OverlayFile[] overlay = [new() { Path = "etc/motd", Content = "hi" }, new() { Path = "lib/evil.conf", Content = "x" }];

        var act = () => tree.WithOverlay(overlay, TreeEntries.Mtime, "r.json");

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("Recipe r.json: 'overlay[1].path' is 'lib/evil.conf'*symbolic link 'lib' -> 'usr/lib'*'usr/lib/evil.conf'*");
    }

    private string Write(string json)
    {
        var path = Path.Combine(folder, $"recipe {Guid.NewGuid():N} $(touch pwned).json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Mutated(string set, string json)
    {
        var recipe = JsonNode.Parse(RecipeLoader.ReadEmbeddedText(RecipeLoader.DefaultName))!.AsObject();
        var parts = set.Split('.');
        var parent = parts[..^1].Aggregate(recipe, (node, part) => node[part]!.AsObject());
        parent[parts[^1]] = JsonNode.Parse(json);
        return recipe.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
