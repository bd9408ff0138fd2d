namespace BootTests.Tests.Cli;

/// <summary>`boottest benchmark`'s answers to bad options: exit 3 naming the option, before anything is built or booted.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class BenchmarkCliTests
{
    [Test]
    public async Task Zero_runs_exits_3()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--runs", "0");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("--runs '0'");
    }

    [Test]
    public async Task A_memory_step_of_zero_exits_3()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--min-memory-step", "0");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("--min-memory-step '0'");
    }

    [Test]
    public async Task An_unknown_recipe_in_the_list_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--recipe", "debian-bookworm,no-such-recipe");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("no-such-recipe");
    }

    [Test]
    public async Task An_empty_recipe_list_exits_3()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--recipe", ",");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("names no recipe");
    }

    [Test]
    public async Task A_json_path_in_a_missing_folder_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--json", "/nonexistent/bench.json");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("/nonexistent");
    }

    [Test]
    public async Task An_unknown_accelerator_exits_3()
    {
        var result = await BoottestCli.RunAsync("benchmark", "--accel", "hvf");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("hvf");
    }
}
