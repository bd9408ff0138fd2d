using System.Text;
using BootTests.Host;
using CliWrap;

namespace BootTests.Images.Sources;

/// <summary>What a source tool printed and how it ended, for the caller to tell bad input (exit 3) from a broken host (exit 4).</summary>
public sealed record SourceToolResult(int ExitCode, string Stdout, IReadOnlyList<string> Stderr)
{
    /// <summary>The tool's own error line: the last stderr line, with logrus's "level=fatal msg=…" (skopeo) unwrapped.</summary>
    public string ErrorLine
    {
        get
        {
            var line = Stderr.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {ExitCode}";
            var msg = line.IndexOf("msg=\"", StringComparison.Ordinal);
            return msg >= 0 ? line[(msg + 5)..].TrimEnd('"').Replace("\\\"", "\"", StringComparison.Ordinal) : line;
        }
    }
}

/// <summary>Runs the programs that read sources (gzip, tar, skopeo, qemu-img, guestfish) from an argv list, never a shell.</summary>
public static class SourceTool
{
    /// <summary>Runs it to the end; stdout goes to <paramref name="stdoutFile"/> when given, else is returned.</summary>
    public static async Task<SourceToolResult> RunAsync(
        string program, IReadOnlyList<string> arguments, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? environment = null, string? stdoutFile = null)
    {
        var stderr = new List<string>();
        var stdout = new StringBuilder();
        var command = Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                    if (stderr.Count > 40) stderr.RemoveAt(0);
                }
            }))
            .WithStandardOutputPipe(stdoutFile is null ? PipeTarget.ToStringBuilder(stdout) : PipeTarget.ToFile(stdoutFile));
        if (environment is not null) command = command.WithEnvironmentVariables(environment);
        try
        {
            var result = await command.ExecuteAsync(ct);
            lock (stderr) return new SourceToolResult(result.ExitCode, stdout.ToString(), stderr.ToList());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw BootTestsException.Environment(Stage.Source,
                $"Could not start '{program}' ({e.Message}). Run `boottest doctor --install` to install what reading this source needs.", e);
        }
    }

    /// <summary>An environment error (exit 4) quoting the command and its last lines.</summary>
    public static BootTestsException Failed(string program, IReadOnlyList<string> arguments, SourceToolResult result, string next) =>
        BootTestsException.Environment(Stage.Source,
            $"{program} failed with exit code {result.ExitCode}: {result.ErrorLine}\n  command: {ExternalTool.Describe(program, arguments)}\n  last output:\n  {string.Join("\n  ", result.Stderr.TakeLast(12))}\n{next}");
}
