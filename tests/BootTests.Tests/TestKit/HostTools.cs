using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.TestKit;

/// <summary>Runs the host's own tools (zstd, gzip, cpio, tar, xz, ssh-keygen) as independent judges of a built image.</summary>
internal static class HostTools
{
    /// <summary>Runs a program (no shell), optionally feeding a file on stdin and writing stdout to a file; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? stdinFile = null, string? stdoutFile = null, string? workingDirectory = null)
    {
        var args = arguments.ToList();
        var command = CliWrap.Cli.Wrap(program).WithArguments(args).WithValidation(CommandResultValidation.None);
        if (stdinFile is not null) command = command.WithStandardInputPipe(PipeSource.FromFile(stdinFile));
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);
        if (stdoutFile is not null)
        {
            var stderr = new System.Text.StringBuilder();
            var result = await command.WithStandardOutputPipe(PipeTarget.ToFile(stdoutFile))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr)).ExecuteAsync();
            result.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)} failed: {stderr}");
            return "";
        }
        var buffered = await command.ExecuteBufferedAsync();
        buffered.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)} failed: {buffered.StandardError}");
        return buffered.StandardOutput;
    }

    /// <summary>The names in a plain newc cpio, as GNU cpio lists them.</summary>
    public static async Task<string[]> CpioNamesAsync(string cpioPath) =>
        (await RunAsync("cpio", ["-t", "--quiet"], stdinFile: cpioPath)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task CpioExtractAsync(string cpioPath, string destination)
    {
        Directory.CreateDirectory(destination);
        await RunAsync("cpio", ["-idm", "--no-absolute-filenames", "--quiet"], stdinFile: cpioPath, workingDirectory: destination);
    }

    /// <summary>Unpacks a tar like /init does; without root, device nodes cannot be made and are left out.</summary>
    public static async Task TarExtractAsync(string tarPath, string destination)
    {
        Directory.CreateDirectory(destination);
        List<string> args = ["-x", "-f", tarPath, "-C", destination];
        if (!IsRoot) args.AddRange(["--no-same-owner", "--exclude=dev/*"]);
        await RunAsync("tar", args);
    }

    public static bool IsRoot => Environment.UserName == "root";
}
