using System.Text.RegularExpressions;
using BootTests.Images;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class RecipeLoaderTests
{
    private static string DefaultJson
    {
        get
        {
            using var stream = typeof(RecipeLoader).Assembly.GetManifestResourceStream("recipes/debian-bookworm.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    [TestCase("debian-bookworm", "2G")]
    [TestCase("debian-bookworm-full", "3G")]
    public void An_embedded_recipe_loads_and_validates(string name, string memory)
    {
        var recipe = RecipeLoader.LoadEmbedded(name);

        recipe.Name.Should().Be(name);
        recipe.Source.Should().Be($"embedded:{name}");
        recipe.Memory.Should().Be(memory);
        recipe.Rootfs.Packages.Should().Contain(["linux-image-amd64", "systemd-sysv", "openssh-server"]);
    }

    [Test]
    public void No_recipe_name_means_the_default_recipe_with_a_few_modules()
    {
        var recipe = RecipeLoader.Load(null);

        recipe.Name.Should().Be(RecipeLoader.DefaultName);
        recipe.KeepsAllModules.Should().BeFalse();
        RecipeLoader.LoadEmbedded("debian-bookworm-full").KeepsAllModules.Should().BeTrue();
    }

    [Test]
    public void The_embedded_recipes_are_listed_by_name()
    {
        RecipeLoader.EmbeddedNames.Should().Equal("debian-bookworm", "debian-bookworm-busybox", "debian-bookworm-full", "debian-bookworm-openrc", "debian-bookworm-sysvinit");
    }

    [Test]
    public void An_unknown_embedded_name_is_a_usage_error_listing_the_embedded_ones()
    {
        var act = () => RecipeLoader.LoadEmbedded("nope");

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("*'nope'*debian-bookworm*");
    }

    [Test]
    public void Malformed_json_is_a_usage_error_naming_file_line_and_column()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Combine("broken.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"rootfs\": { \"suite\": }\n}\n");

        var act = () => RecipeLoader.LoadFile(path);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Stage.Should().Be("recipe");
        error.Message.Should().MatchRegex($"^Recipe {Regex.Escape(Path.GetFullPath(path))}:3:[0-9]+ is not valid");
    }

    [Test]
    public void An_unknown_field_is_a_usage_error_naming_it()
    {
        var json = DefaultJson.Replace("\"hostname\"", "\"hostnmae\"", StringComparison.Ordinal);

        var act = () => RecipeLoader.Parse(json, "test.json");

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("*test.json:*hostnmae*");
    }

    [TestCase("tmpfsSize", "-1")]
    [TestCase("tmpfsSize", "10XB")]
    [TestCase("tmpfsSize", "0")]
    [TestCase("memory", "-1")]
    [TestCase("memory", "10XB")]
    [TestCase("memory", "0")]
    [TestCase("memory", "64M")]
    public void A_bad_size_is_a_usage_error_naming_the_field_and_value(string field, string value)
    {
        var json = Regex.Replace(DefaultJson, $"\"{field}\": \"[^\"]*\"", $"\"{field}\": \"{value}\"");
        json.Should().Contain($"\"{value}\"");

        var act = () => RecipeLoader.Parse(json, "test.json");

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage($"*'{field}'*'{value}'*");
    }

    [TestCase("../x")]
    [TestCase("/etc/x")]
    [TestCase("etc/../../x")]
    [TestCase("")]
    public void An_overlay_path_outside_the_tree_is_a_usage_error(string path)
    {
        var json = DefaultJson.TrimEnd().TrimEnd('}') + $", \"overlay\": [{{ \"path\": \"{path}\", \"content\": \"hi\\n\" }}] }}";

        var act = () => RecipeLoader.Parse(json, "test.json");

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage($"*'overlay[0].path'*'{path}'*");
    }

    [Test]
    public void An_overlay_file_inside_the_tree_is_accepted()
    {
        var json = DefaultJson.TrimEnd().TrimEnd('}') + ", \"overlay\": [{ \"path\": \"./etc//motd\", \"content\": \"hi\\n\", \"mode\": \"0600\" }] }";

        var recipe = RecipeLoader.Parse(json, "test.json");

        recipe.Overlay.Should().ContainSingle().Which.Mode.Should().Be("0600");
    }

    [TestCase("bogus")]
    [TestCase("")]
    [TestCase("seedy")]
    public void An_unknown_layout_is_a_usage_error_naming_it(string text)
    {
        var act = () => ImageLayouts.Parse(text);

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage($"*'{text}'*seed*fast*");
    }

    [TestCase("seed", ImageLayout.Seed)]
    [TestCase(" FAST ", ImageLayout.Fast)]
    public void A_layout_name_parses_regardless_of_case_and_spaces(string text, ImageLayout expected)
    {
        ImageLayouts.Parse(text).Should().Be(expected);
    }

    [Test]
    public void A_missing_recipe_file_is_a_usage_error()
    {
        var act = () => RecipeLoader.Load("/nonexistent/recipe.json");

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("*'/nonexistent/recipe.json' does not exist*");
    }

    [Test]
    public void A_directory_instead_of_a_recipe_file_is_a_usage_error()
    {
        using var dir = new ScratchDirectory();

        var act = () => RecipeLoader.Load(dir.Path);

        act.Should().Throw<BootTestsException>()
            .Where(e => e.ExitCode == ExitCode.Usage)
            .WithMessage("*is a directory*");
    }

    [Test]
    public void A_recipe_in_a_folder_with_spaces_and_shell_metacharacters_loads()
    {
        using var dir = new ScratchDirectory();
        var folder = Directory.CreateDirectory(dir.Combine("a b;$(touch x)`id`'\"&|")).FullName;
        var path = Path.Combine(folder, "my recipe.json");
        File.WriteAllText(path, DefaultJson);

        var recipe = RecipeLoader.Load(path);

        recipe.Name.Should().Be("debian-bookworm");
        recipe.Source.Should().Be(Path.GetFullPath(path));
        File.Exists(dir.Combine("x")).Should().BeFalse();
        File.Exists("x").Should().BeFalse();
    }

    [Test]
    public void A_json_null_recipe_is_a_usage_error()
    {
        var act = () => RecipeLoader.Parse("null", "test.json");

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*test.json*empty*");
    }

    [Test]
    public void A_recipe_without_a_kernel_package_is_a_usage_error()
    {
        var json = DefaultJson.Replace("\"linux-image-amd64\", ", "", StringComparison.Ordinal);

        var act = () => RecipeLoader.Parse(json, "test.json");

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*linux-image-*");
    }
}
