namespace BootTests.Tests.Cli;

/// <summary>The real CLI's answers to bad input and `doctor`, as a user sees them: exit codes and messages.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class CliTests
{
    [Test]
    public async Task Build_with_an_unknown_layout_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("build", "--layout", "bogus");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("'bogus'");
    }

    [Test]
    public async Task Build_with_a_missing_recipe_file_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("build", "--recipe", "/nonexistent.json");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("/nonexistent.json");
    }

    [Test]
    public async Task Build_with_a_malformed_recipe_exits_3_naming_the_line()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Combine("bad recipe.json");
        await File.WriteAllTextAsync(path, "{\n  \"name\": \n}\n");

        var result = await BoottestCli.RunAsync("build", "--recipe", path);

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain($"{path}:3:");
    }

    [Test]
    public async Task Doctor_finds_everything_here_and_lists_qemu()
    {
        var result = await BoottestCli.RunAsync("doctor");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().MatchRegex(@"found\s+qemu-system-x86_64\s+/");
        result.StandardOutput.Should().NotContain("missing");
    }
}
