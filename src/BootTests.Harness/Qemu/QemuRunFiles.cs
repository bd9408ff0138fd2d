namespace BootTests.Qemu;

/// <summary>The files and sockets one QEMU run uses, derived from its run and socket directories; the one home of their names.</summary>
public sealed record QemuRunFiles(string RunDirectory, string SocketDirectory)
{
    public const string ConsoleLogName = "console.log";
    public const string ArgvName = "qemu-argv.txt";
    public const string StderrLogName = "qemu-stderr.log";
    public const string QmpLogName = "qmp.log";
    public const string PidFileName = "qemu.pid";

    /// <summary>The files one QEMU run leaves in its run folder, as evidence.</summary>
    public static IReadOnlyList<string> Names { get; } = [ConsoleLogName, ArgvName, StderrLogName, QmpLogName, PidFileName];

    public static QemuRunFiles For(QemuLaunchOptions options) =>
        new(options.RunDirectory, options.SocketDirectory ?? options.RunDirectory);

    /// <summary>The files of a run folder, for callers that only know the folder.</summary>
    public static QemuRunFiles In(string runDirectory) => new(runDirectory, runDirectory);

    public string ConsoleSocket => Path.Combine(SocketDirectory, "console.sock");

    public string QmpSocket => Path.Combine(SocketDirectory, "qmp.sock");

    public string PidFile => Path.Combine(RunDirectory, PidFileName);

    public string ArgvFile => Path.Combine(RunDirectory, ArgvName);

    public string StderrLog => Path.Combine(RunDirectory, StderrLogName);

    public string ConsoleLog => Path.Combine(RunDirectory, ConsoleLogName);

    public string QmpLog => Path.Combine(RunDirectory, QmpLogName);
}
