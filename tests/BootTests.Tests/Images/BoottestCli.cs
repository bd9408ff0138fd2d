using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Images;

/// <summary>Runs the real `boottest` CLI (boottest.dll beside the test assembly) as a separate process.</summary>
internal static class BoottestCli
{
    public static string DllPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "boottest.dll");

    public static async Task<BufferedCommandResult> RunAsync(params string[] arguments)
    {
        File.Exists(DllPath).Should().BeTrue($"the test project references the CLI, so {DllPath} should be built beside the tests");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await CliWrap.Cli.Wrap("dotnet").WithArguments([DllPath, .. arguments])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }
}
