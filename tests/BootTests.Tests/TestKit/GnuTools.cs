using System.Runtime.InteropServices;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.TestKit;

/// <summary>Runs GNU cpio, tar, stat and coreutils as independent makers and judges of the archives the writer produces.</summary>
internal static class GnuTools
{
    public static async Task<string[]> ListNamesAsync(string archivePath) =>
        SplitLines((await RunAsync("cpio", ["-t", "--quiet"], archivePath, workingDirectory: null)).StandardOutput);

    public static async Task<string[]> ListVerboseAsync(string archivePath) =>
        SplitLines((await RunAsync("cpio", ["-tv", "--quiet"], archivePath, workingDirectory: null)).StandardOutput);

    public static async Task ExtractAsync(string archivePath, string destination)
    {
        Directory.CreateDirectory(destination);
        await RunAsync("cpio", ["-idm", "--no-absolute-filenames", "--quiet"], archivePath, destination);
    }

    public static async Task CreateTarAsync(string tarPath, string sourceDirectory, string format) =>
        await RunAsync("tar", [$"--format={format}", "-cf", tarPath, "-C", sourceDirectory, "."], stdinPath: null, workingDirectory: null);

    /// <summary>Formats <paramref name="path"/>'s metadata with stat(1) without following symlinks, e.g. "%i %h".</summary>
    public static async Task<string> StatAsync(string path, string format) =>
        (await RunAsync("stat", [$"--format={format}", path], stdinPath: null, workingDirectory: null)).StandardOutput.Trim();

    public static async Task RunAsync(string program, params string[] arguments) =>
        await RunAsync(program, arguments, stdinPath: null, workingDirectory: null);

    public static bool IsRoot => geteuid() == 0;

    private static async Task<BufferedCommandResult> RunAsync(
        string program, string[] arguments, string? stdinPath, string? workingDirectory)
    {
        var command = CliWrap.Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        if (stdinPath is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromFile(stdinPath));
        }

        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        var result = await command.ExecuteBufferedAsync();
        result.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} failed: {result.StandardError}");
        return result;
    }

    private static string[] SplitLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [DllImport("libc")]
    private static extern uint geteuid();
}
