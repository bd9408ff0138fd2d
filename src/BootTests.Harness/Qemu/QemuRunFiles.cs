namespace BootTests.Qemu;

/// <summary>The files and sockets one QEMU run uses, derived from its run and socket directories.</summary>
public sealed record QemuRunFiles(string RunDirectory, string SocketDirectory)
{
    public static QemuRunFiles For(QemuLaunchOptions options) =>
        new(options.RunDirectory, options.SocketDirectory ?? options.RunDirectory);

    public string ConsoleSocket => Path.Combine(SocketDirectory, "console.sock");

    public string QmpSocket => Path.Combine(SocketDirectory, "qmp.sock");

    public string PidFile => Path.Combine(RunDirectory, "qemu.pid");

    public string ArgvFile => Path.Combine(RunDirectory, "qemu-argv.txt");

    public string StderrLog => Path.Combine(RunDirectory, "qemu-stderr.log");

    public string ConsoleLog => Path.Combine(RunDirectory, "console.log");

    public string QmpLog => Path.Combine(RunDirectory, "qmp.log");
}
