using System.Text.Json;
using System.Text.RegularExpressions;
using BootTests.Images;
using BootTests.Images.Rootfs;
using BootTests.Images.Sources;
using BootTests.Tests.Cli;

namespace BootTests.Tests.Images;

/// <summary>
/// The rootfs source fields of a recipe, in a recipe file whose folder has shell bait in its name: each bad value is a
/// usage error naming the file, line and column, the field and the value; relative paths are taken from the recipe's folder.
/// </summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class RecipeSourceTests
{
    private ScratchDirectory scratch = null!;
    private string folder = null!;

    [OneTimeSetUp]
    public void Create_the_inputs()
    {
        scratch = new ScratchDirectory("boottests-recipe-source-");
        folder = Directory.CreateDirectory(scratch.Combine(HostileInputTests.ShellBait)).FullName;
        File.WriteAllText(Path.Combine(folder, "rootfs.tar"), "");
        File.WriteAllText(Path.Combine(folder, "disk.qcow2"), "");
        File.WriteAllText(Path.Combine(folder, "app.oci.tar"), "");
        var bzImage = new byte[1024];
        "HdrS"u8.CopyTo(bzImage.AsSpan(0x202));
        File.WriteAllBytes(Path.Combine(folder, "vmlinuz"), bzImage);
        Directory.CreateDirectory(Path.Combine(folder, "tree"));
        Directory.CreateDirectory(Path.Combine(folder, "modules"));
        Directory.CreateDirectory(Path.Combine(folder, "layout"));
        File.WriteAllText(Path.Combine(folder, "layout", "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    [OneTimeTearDown]
    public void Delete_the_inputs() => scratch.Dispose();

    public static IEnumerable<TestCaseData> GoodSources()
    {
        yield return new TestCaseData("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", null).SetName("A tar source");
        yield return new TestCaseData("{ \"kind\": \"dir\", \"path\": \"tree\" }", null).SetName("A dir source");
        yield return new TestCaseData("{ \"kind\": \"oci\", \"image\": \"oci:layout:v2\" }", null).SetName("An OCI layout");
        yield return new TestCaseData("{ \"kind\": \"oci\", \"image\": \"oci-archive:app.oci.tar\" }", "\"default\"").SetName("An oci-archive with the default kernel");
        yield return new TestCaseData("{ \"kind\": \"oci\", \"image\": \"docker-archive:app.oci.tar:localhost/app:1\" }", null).SetName("A docker-archive");
        yield return new TestCaseData("{ \"kind\": \"oci\", \"image\": \"docker://docker.io/library/debian:12\" }", null).SetName("A registry reference");
        yield return new TestCaseData("{ \"kind\": \"disk\", \"path\": \"disk.qcow2\", \"format\": \"qcow2\", \"root\": \"/dev/vg0/root\" }", "\"vmlinuz\"").SetName("A disk with its root and a kernel file");
    }

    [TestCaseSource(nameof(GoodSources))]
    public void A_source_of_each_kind_loads(string rootfs, string? kernel)
    {
        var recipe = RecipeLoader.Load(Write(Recipe(rootfs, kernel)));

        recipe.Rootfs.KindOf().IsImported().Should().BeTrue();
        if (recipe.Rootfs.Path is { } path) File.Exists(recipe.ResolvePath(path)).Should().Be(recipe.Rootfs.Kind != "dir");
    }

    [Test]
    public void A_relative_path_is_taken_from_the_recipe_s_folder_not_the_working_folder()
    {
        var recipe = RecipeLoader.Load(Write(Recipe("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }")));

        recipe.ResolvePath("rootfs.tar").Should().Be(Path.Combine(folder, "rootfs.tar"));
        OciReference.Parse("oci:layout:v2", recipe.ResolvePath).Should().Be(new OciReference("oci:", Path.Combine(folder, "layout"), "v2", ""));
    }

    public static IEnumerable<TestCaseData> BadSources()
    {
        TestCaseData Case(string rootfs, string field, string shown, string? kernel = null, string? extra = null) =>
            new TestCaseData(rootfs, kernel, extra, field, shown).SetName($"{{m}}({field}: {rootfs.Replace("\"", "'")}{(kernel is null ? "" : " kernel " + kernel)})");

        yield return Case("{ \"kind\": \"zip\", \"path\": \"rootfs.tar\" }", "rootfs.kind", "'zip'");
        yield return Case("{ \"kind\": \"tar\" }", "rootfs", "no 'path'");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"missing.tar\" }", "rootfs.path", "'missing.tar', but there is no such file");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"tree\" }", "rootfs.path", "it is a folder");
        yield return Case("{ \"kind\": \"dir\", \"path\": \"rootfs.tar\" }", "rootfs.path", "no such folder");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"packages\": [\"curl\"] }", "rootfs.packages", "belongs to kind mmdebstrap");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"suite\": \"trixie\" }", "rootfs.suite", "belongs to kind mmdebstrap");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"hooks\": [\"merged-usr\"] }", "rootfs.hooks", "belongs to kind mmdebstrap");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"pathExclude\": [\"/usr/share/doc/*\"] }", "rootfs.pathExclude", "belongs to kind mmdebstrap");
        yield return Case("{ \"suite\": \"bookworm\", \"packages\": [\"linux-image-amd64\"], \"path\": \"rootfs.tar\" }", "rootfs.path", "belongs to an imported tree");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"root\": \"/dev/sda1\" }", "rootfs.root", "only disk sources");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\", \"image\": \"oci:layout\" }", "rootfs.image", "only kind oci");
        yield return Case("{ \"kind\": \"oci\" }", "rootfs", "no 'image'");
        yield return Case("{ \"kind\": \"oci\", \"image\": \"layout\" }", "rootfs.image", "start it with one of oci:");
        yield return Case("{ \"kind\": \"oci\", \"image\": \"oci:tree\" }", "rootfs.image", "no oci-layout file");
        yield return Case("{ \"kind\": \"oci\", \"image\": \"oci-archive:missing.tar\" }", "rootfs.image", "no archive file 'missing.tar'");
        yield return Case("{ \"kind\": \"oci\", \"image\": \"docker://\" }", "rootfs.image", "registry reference");
        yield return Case("{ \"kind\": \"oci\", \"image\": \"oci:layout\", \"path\": \"layout\" }", "rootfs.path", "name the image with 'rootfs.image'");
        yield return Case("{ \"kind\": \"disk\", \"path\": \"disk.qcow2\", \"format\": \"iso\" }", "rootfs.format", "'iso'");
        yield return Case("{ \"kind\": \"disk\", \"path\": \"disk.qcow2\", \"root\": \"sda1; reboot\" }", "rootfs.root", "'sda1; reboot'");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", "kernel", "'missing-vmlinuz'", kernel: "\"missing-vmlinuz\"");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", "kernel", "not an x86 Linux kernel", kernel: "\"rootfs.tar\"");
        yield return Case("{ \"suite\": \"bookworm\", \"packages\": [\"linux-image-amd64\"] }", "kernel", "an mmdebstrap tree boots its own kernel", kernel: "\"default\"");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", "kernelModulesDir", "'kernel' is not a vmlinuz file", kernel: "\"default\"", extra: "\"kernelModulesDir\": \"modules\"");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", "kernelModulesDir", "'nowhere', which is not a folder", kernel: "\"vmlinuz\"", extra: "\"kernelModulesDir\": \"nowhere\"");
        yield return Case("{ \"kind\": \"tar\", \"path\": \"rootfs.tar\" }", "sourceDateEpoch", "is -5", extra: "\"sourceDateEpoch\": -5");
    }

    [TestCaseSource(nameof(BadSources))]
    public void A_bad_source_names_the_file_line_column_field_and_value(string rootfs, string? kernel, string? extra, string field, string shown)
    {
        var path = Write(Recipe(rootfs, kernel, extra));

        var act = () => RecipeLoader.Load(path);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Stage.Should().Be(Stage.Recipe);
        error.Message.Should().MatchRegex($"^Recipe {Regex.Escape(path)}:[0-9]+:[0-9]+: '{Regex.Escape(field)}' ");
        error.Message.Should().Contain(shown).And.NotContain("\n");
    }

    [Test]
    public void The_mmdebstrap_rootfs_key_is_what_it_was_before_other_kinds_existed_so_cached_trees_are_reused()
    {
        var recipe = RecipeLoader.Load(null);
        var before = JsonSerializer.Serialize(new { recipe.Rootfs, recipe.KernelModules, recipe.Network, recipe.Hostname, recipe.Init, recipe.SshServer, recipe.RootPassword }, RecipeLoader.Json);

        var then = ContentHash.OfParts("rootfs-v1", JsonSerializer.Serialize(new
        {
            Rootfs = new { recipe.Rootfs.Suite, recipe.Rootfs.Variant, recipe.Rootfs.Packages, recipe.Rootfs.Mirror },
            recipe.KernelModules,
            recipe.Network,
            recipe.Hostname,
            recipe.Init,
            recipe.SshServer,
            recipe.RootPassword,
        }, RecipeLoader.Json), BootTests.EmbeddedFiles.ReadText("customize-rootfs.sh"));

        RootfsBuilder.KeyOf(recipe).Should().Be(then);
        before.Should().Contain("\"kind\"", "the whole RootfsSpec now has more fields, which must not reach the key");
        RootfsBuilder.KeyOf(recipe with { SourceDateEpoch = 1 }).Should().NotBe(then, "a recipe's own timestamp makes its own tree");
        RootfsBuilder.KeyOf(recipe with { Rootfs = recipe.Rootfs with { Hooks = ["merged-usr"] } }).Should().NotBe(then, "mmdebstrap's hooks change the tree");
        var excluding = recipe with { Rootfs = recipe.Rootfs with { PathExclude = ["/usr/share/doc/*"] } };
        RootfsBuilder.KeyOf(excluding).Should().NotBe(then, "dpkg's path filters change the tree");
        RootfsBuilder.KeyOf(excluding with { Rootfs = excluding.Rootfs with { PathInclude = ["/usr/share/doc/*/copyright"] } })
            .Should().NotBe(RootfsBuilder.KeyOf(excluding), "an include brings files back");
    }

    private static string Recipe(string rootfs, string? kernel = null, string? extra = null) =>
        $"{{\n  \"name\": \"imported\",\n  \"rootfs\": {rootfs},\n{(kernel is null ? "" : $"  \"kernel\": {kernel},\n")}{(extra is null ? "" : $"  {extra},\n")}  \"kernelModules\": [\"virtio_net\", \"virtio_pci\"]\n}}\n";

    private string Write(string json)
    {
        var path = Path.Combine(folder, $"recipe {Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
