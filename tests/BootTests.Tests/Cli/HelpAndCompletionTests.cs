namespace BootTests.Tests.Cli;

/// <summary>What --help and tab completion say: fixed values listed, an unknown command refused even with --help, the report on stdout.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class HelpAndCompletionTests
{
    [TestCase("suites", "suites --help")]
    [TestCase("--bogus", "run --bogus --help")]
    [TestCase("suites", "suites")]
    public async Task An_unknown_command_or_option_is_an_error_even_with_help(string unknown, string line)
    {
        var result = await BoottestCli.RunAsync(line.Split(' '));

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain($"Unrecognized command or argument '{unknown}'");
        result.StandardOutput.Should().NotContain("Usage:");
    }

    [TestCase("run")]
    [TestCase("verify")]
    [TestCase("boot")]
    [TestCase("soak")]
    public async Task Help_lists_the_values_of_the_options_that_have_fixed_ones(string command)
    {
        var result = await BoottestCli.RunAsync(command, "--help");

        result.ExitCode.Should().Be(0);
        result.StandardOutput.Should().Contain("--accel <auto|kvm|tcg>");
        if (command != "verify") result.StandardOutput.Should().Contain("--layout <seed|fast>");
        if (command is "run" or "verify" or "boot") result.StandardOutput.Should().Contain("--boot-via <direct|grub|grub-uefi|ipxe>");
    }

    [TestCase("run --layout ", "fast\nseed")]
    [TestCase("run --accel ", "auto\nkvm\ntcg")]
    [TestCase("run --boot-via gr", "grub\ngrub-uefi")]
    public async Task Tab_completion_offers_the_fixed_values(string line, string expected)
    {
        var result = await BoottestCli.RunAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.ReplaceLineEndings("\n").Trim().Should().Be(expected);
    }

    [Test]
    public async Task Both_reports_on_stdout_at_once_is_a_usage_error()
    {
        var result = await BoottestCli.RunAsync("run", "--json", "-", "--junit", "-");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain("both ask for stdout");
    }
}
