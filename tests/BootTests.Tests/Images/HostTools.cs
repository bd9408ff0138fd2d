using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Images;

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

    /// <summary>Follows symbolic links inside an unpacked tree (absolute targets relative to its root, not the host's).</summary>
    public static string? ResolveInside(string root, string path)
    {
        var pending = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        for (var hops = 0; pending.Count > 0;)
        {
            var part = pending.Dequeue();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var onDisk = Path.Combine([root, .. resolved, part]);
            var info = new FileInfo(onDisk);
            if (!info.Exists && !Directory.Exists(onDisk) && info.LinkTarget is null) return null;
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) return null;
                pending = new Queue<string>(target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(pending));
                if (target.StartsWith('/')) resolved.Clear();
                continue;
            }
            resolved.Add(part);
        }
        return Path.Combine([root, .. resolved]);
    }
}
