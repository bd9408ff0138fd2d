using System.Text;
using CliWrap;

namespace BootTests.Host;

/// <summary>Runs a host program from an argv list (never a shell string) and turns a failure into an error that quotes it.</summary>
public static class ExternalTool
{
    /// <summary>Runs the tool; each output line goes to onLine; a non-zero exit throws naming the stage, argv, exit code and the last lines.</summary>
    public static async Task<string> RunAsync(
        string stage,
        string program,
        IReadOnlyList<string> arguments,
        CancellationToken ct,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null,
        string? workingDirectory = null)
    {
        var tail = new Queue<string>();
        var stdout = new StringBuilder();
        void Remember(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20) tail.Dequeue();
            }
            onLine?.Invoke(line);
        }

        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToStringBuilder(stdout), PipeTarget.ToDelegate(Remember)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Remember));
        if (environment is not null) command = command.WithEnvironmentVariables(environment);
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(ct);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw BootTestsException.Environment(stage,
                $"Could not start '{program}' ({e.Message}). Run `boottest doctor` to see what is missing and how to install it.", e);
        }
        if (result.ExitCode != 0)
        {
            string lines;
            lock (tail) lines = string.Join("\n  ", tail);
            throw new BootTestsException(ExitCode.Environment, stage,
                $"{program} failed with exit code {result.ExitCode}.\n  command: {Describe(program, arguments)}\n  last output:\n  {lines}");
        }
        return stdout.ToString();
    }

    /// <summary>The argv as one readable line, each argument quoted when it needs to be (for messages only).</summary>
    public static string Describe(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
