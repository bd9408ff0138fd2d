using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.TestKit;

/// <summary>Runs the real `boottest` CLI (boottest.dll beside the test assembly) as a separate process.</summary>
internal static class BoottestCli
{
    public static string DllPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "boottest.dll");

    public static Task<BufferedCommandResult> RunAsync(params string[] arguments) =>
        RunInAsync(null, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5), arguments);

    /// <summary>Runs it in a working folder with extra environment variables; the process tree is killed after the timeout.</summary>
    public static async Task<BufferedCommandResult> RunInAsync(
        string? workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        File.Exists(DllPath).Should().BeTrue($"the test project references the CLI, so {DllPath} should be built beside the tests");
        using var cancel = new CancellationTokenSource(timeout);
        var command = CliWrap.Cli.Wrap("dotnet").WithArguments([DllPath, .. arguments])
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None);
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);
        return await command.ExecuteBufferedAsync(cancel.Token);
    }
}
