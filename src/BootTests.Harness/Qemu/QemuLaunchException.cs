namespace BootTests.Qemu;

/// <summary>QEMU could not be started, or exited before the machine was up; carries the evidence.</summary>
public sealed class QemuLaunchException : BootTestsException
{
    public QemuLaunchException(
        ExitCode exitCode, string problem, IReadOnlyList<string> argv, int? qemuExitCode, string stderrTail, string runDirectory,
        Exception? inner = null)
        : base(exitCode, BootTests.Stage.Boot, Describe(problem, argv, qemuExitCode, stderrTail, runDirectory), inner)
    {
        Argv = argv;
        QemuExitCode = qemuExitCode;
        StderrTail = stderrTail;
        RunDirectory = runDirectory;
    }

    public IReadOnlyList<string> Argv { get; }

    /// <summary>QEMU's exit code, or null if it had not exited (or was never started).</summary>
    public int? QemuExitCode { get; }

    public string StderrTail { get; }

    public string RunDirectory { get; }

    private static string Describe(string problem, IReadOnlyList<string> argv, int? qemuExitCode, string stderrTail, string runDirectory) =>
        $"{problem}\n"
        + (qemuExitCode is { } code ? $"QEMU exit code: {code}\n" : "")
        + (stderrTail.Length > 0 ? $"QEMU stderr (last lines):\n{stderrTail.TrimEnd()}\n" : "")
        + $"Command line: {string.Join(' ', argv.Select(ShellQuote))}\n"
        + $"Run directory ({string.Join(", ", QemuRunFiles.Names.SkipLast(1))}): {runDirectory}";

    // For the message only, so a reader can paste the command into a shell; QEMU itself never sees a shell.
    internal static string ShellQuote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
