namespace BootTests.Tests.Cli;

/// <summary>`boottest measure`'s answers to bad options: exit 3 naming the option, before anything is built or booted.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureCliTests
{
    [Test]
    public async Task Max_regression_without_a_baseline_exits_3()
    {
        var result = await BoottestCli.RunAsync("measure", "--max-regression", "10");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("--max-regression").And.Contain("--baseline");
    }

    [Test]
    public async Task A_negative_max_regression_exits_3_quoting_it()
    {
        using var dir = new ScratchDirectory();
        var baseline = dir.Combine("history.jsonl");
        await File.WriteAllTextAsync(baseline, "");

        var result = await BoottestCli.RunAsync("measure", "--baseline", baseline, "--max-regression", "-5");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("-5");
    }

    [Test]
    public async Task An_unknown_layout_in_the_list_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("measure", "--layout", "seed,quick");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("'quick'");
    }

    [Test]
    public async Task A_baseline_that_does_not_exist_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("measure", "--baseline", "/nonexistent/history.jsonl");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("/nonexistent/history.jsonl");
    }

    [Test]
    public async Task Zero_runs_exits_3()
    {
        var result = await BoottestCli.RunAsync("measure", "--runs", "0");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("--runs '0'");
    }
}
