using System.ComponentModel;
using System.Diagnostics;
using BootTests.Qemu.Qmp;

namespace BootTests.Qemu;

/// <summary>
/// A running QEMU: owns the process, its console socket (drained into console.log and a sink) and its QMP connection.
/// Dispose stops QEMU (QMP quit, then SIGTERM, then SIGKILL) and always completes.
/// </summary>
public sealed partial class QemuMachine : IAsyncDisposable
{
    private readonly Process process;
    private readonly QemuSocketDirectory sockets;
    private readonly Stopwatch clock;
    private readonly StderrTail stderr = new();
    private readonly Task stderrPump;
    private readonly TaskCompletionSource<QemuExit> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ParentDeathWatchdog? watchdog;
    private QmpClient? qmp;

    private QemuMachine(QemuLaunchOptions options, IReadOnlyList<string> argv, Process process, QemuSocketDirectory sockets, Stopwatch clock)
    {
        Options = options;
        Argv = argv;
        Files = QemuRunFiles.For(options);
        this.process = process;
        this.sockets = sockets;
        this.clock = clock;
        Pid = process.Id;
        stderrPump = Task.Run(() => stderr.PumpAsync(process.StandardError, Files.StderrLog));
        _ = WatchExitAsync();
    }

    /// <summary>The options as used, with the socket directory filled in.</summary>
    public QemuLaunchOptions Options { get; }

    public IReadOnlyList<string> Argv { get; }

    public QemuRunFiles Files { get; }

    public string RunDirectory => Options.RunDirectory;

    public int Pid { get; }

    /// <summary>Monotonic seconds since QEMU was started; the same clock as the console sink's timestamps.</summary>
    public double HostSeconds => clock.Elapsed.TotalSeconds;

    /// <summary>Completes when QEMU has exited, for whatever reason.</summary>
    public Task<QemuExit> Exited => exited.Task;

    /// <summary>The accelerator QEMU reports in use (QMP query-kvm).</summary>
    public Accelerator AcceleratorInUse { get; private set; }

    /// <summary>QEMU's version from the QMP greeting, "major.minor.micro".</summary>
    public string QemuVersion { get; private set; } = "";

    /// <summary>The host port on 127.0.0.1 forwarded to the guest's SSH port (the first of <see cref="QemuLaunchOptions.GuestPorts"/>).</summary>
    public int SshHostPort => ForwardedPorts[Options.GuestPorts[0]];

    /// <summary>Host port on 127.0.0.1 for each forwarded guest port.</summary>
    public IReadOnlyDictionary<int, int> ForwardedPorts { get; private set; } = new Dictionary<int, int>();

    /// <summary>The watchdog that kills QEMU if the harness dies; exposed to tests.</summary>
    internal ParentDeathWatchdog? Watchdog => watchdog;

    /// <summary>The QMP connection, for commands the machine does not wrap.</summary>
    public QmpClient Qmp => qmp ?? throw new InvalidOperationException("QMP is not connected yet.");

    /// <summary>Starts QEMU and returns once the console is being drained and QMP has answered; throws <see cref="QemuLaunchException"/> otherwise.</summary>
    public static async Task<QemuMachine> StartAsync(QemuLaunchOptions options, IConsoleSink sink, CancellationToken cancellationToken = default)
    {
        var runDirectory = Path.GetFullPath(options.RunDirectory);
        Directory.CreateDirectory(runDirectory);
        var sockets = options.SocketDirectory is null ? QemuSocketDirectory.For(runDirectory) : null;
        options = options with { RunDirectory = runDirectory, SocketDirectory = sockets?.Path ?? options.SocketDirectory };
        IReadOnlyList<string> argv = [];
        try
        {
            argv = BuildArgv(options);
            CheckInputFiles(options, argv);
            var files = QemuRunFiles.For(options);
            foreach (var stale in new[] { files.ConsoleSocket, files.QmpSocket, files.ConsoleLog, files.StderrLog, files.QmpLog })
            {
                File.Delete(stale);
            }
            await File.WriteAllLinesAsync(files.ArgvFile, argv, cancellationToken);
        }
        catch
        {
            sockets?.Dispose();
            throw;
        }

        var machine = Launch(options, argv, sockets ?? QemuSocketDirectory.Existing(options.SocketDirectory!));
        try
        {
            await machine.ConnectAsync(sink, cancellationToken);
            return machine;
        }
        catch (Exception e)
        {
            var failure = e as QemuLaunchException ?? await machine.LaunchFailureAsync(e switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => "Starting QEMU was cancelled.",
                OperationCanceledException or TimeoutException =>
                    $"QEMU did not open its console and answer on QMP within {options.StartTimeout.TotalSeconds:0} s: {e.Message}",
                _ => $"QEMU did not come up: {e.Message}",
            }, e);
            await machine.DisposeAsync();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw failure;
        }
    }

    private static IReadOnlyList<string> BuildArgv(QemuLaunchOptions options)
    {
        IReadOnlyList<string> argv;
        try
        {
            argv = QemuArgv.Build(options);
        }
        catch (ArgumentException e)
        {
            throw BootTestsException.Usage(Stage.Boot, e.Message, e);
        }
        // Whatever a caller adds, the command line keeps the loopback-only, restricted, sandboxed shape.
        var problems = QemuArgvPolicy.ExtraArgumentProblems(options.ExtraArgs).Concat(QemuArgvPolicy.Problems(argv)).ToList();
        if (problems.Count > 0)
        {
            throw BootTestsException.Usage(Stage.Boot,
                $"The extra QEMU arguments [{string.Join(' ', options.ExtraArgs.Select(QemuLaunchException.ShellQuote))}] break the harness's QEMU policy: {string.Join("; ", problems)}.");
        }
        return argv;
    }

    private static void CheckInputFiles(QemuLaunchOptions options, IReadOnlyList<string> argv)
    {
        foreach ((var what, var path) in new[] { ("kernel", options.KernelPath), ("initrd", options.InitrdPath), ("boot CD image", options.BootCdPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new QemuLaunchException(
                    ExitCode.Usage, $"The {what} file '{path}' does not exist.", argv, null, "", options.RunDirectory);
            }
        }
    }

    private static QemuMachine Launch(QemuLaunchOptions options, IReadOnlyList<string> argv, QemuSocketDirectory sockets)
    {
        var startInfo = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.RunDirectory,
        };
        foreach (var arg in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(arg);
        }

        var clock = new Stopwatch();
        Process process;
        try
        {
            clock.Start();
            process = Process.Start(startInfo) ?? throw new Win32Exception("Process.Start returned null.");
        }
        catch (Win32Exception e)
        {
            sockets.Dispose();
            throw new QemuLaunchException(
                ExitCode.Environment,
                $"Could not run '{argv[0]}': {e.Message}. Install QEMU (Debian: apt-get install qemu-system-x86) or set the QEMU binary.",
                argv, null, "", options.RunDirectory, e);
        }
        process.StandardInput.Close();
        var machine = new QemuMachine(options, argv, process, sockets, clock);
        machine.watchdog = ParentDeathWatchdog.Start(process.Id);
        return machine;
    }

    private async Task ConnectAsync(IConsoleSink sink, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.StartTimeout);
        await ConnectConsoleAsync(sink, deadline.Token);

        var connecting = QmpClient.ConnectAsync(
            Files.QmpSocket, Options.StartTimeout, new QmpClientOptions { TranscriptPath = Files.QmpLog }, deadline.Token);
        qmp = await UnlessQemuExitsAsync(connecting, "connecting to QMP");
        qmp.EventReceived += OnQmpEvent;
        QemuVersion = qmp.QemuVersion;
        (var kvmEnabled, _) = await UnlessQemuExitsAsync(qmp.QueryKvmAsync(deadline.Token), "asking QMP for the accelerator");
        AcceleratorInUse = kvmEnabled ? Accelerator.Kvm : Accelerator.Tcg;

        var ports = new Dictionary<int, int>();
        foreach (var guestPort in Options.GuestPorts)
        {
            ports[guestPort] = await UnlessQemuExitsAsync(qmp.GetForwardedHostPortAsync(guestPort, deadline.Token), "reading the forwarded ports");
        }
        ForwardedPorts = ports;
    }

    private async Task<T> UnlessQemuExitsAsync<T>(Task<T> step, string what)
    {
        if (await Task.WhenAny(step, Exited) == step || !Exited.IsCompleted)
        {
            return await step;
        }
        throw await LaunchFailureAsync($"QEMU exited while {what}.", null);
    }

    private async Task<QemuLaunchException> LaunchFailureAsync(string problem, Exception? inner)
    {
        // Give an exiting QEMU a moment, so its exit code and last words make it into the message.
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(1)));
        int? exitCode = Exited.IsCompletedSuccessfully ? Exited.Result.ExitCode : null;
        return new QemuLaunchException(ExitCode.BootFailed, problem, Argv, exitCode, stderr.Text, RunDirectory, inner);
    }
}
