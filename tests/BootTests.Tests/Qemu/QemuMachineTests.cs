using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

/// <summary>
/// Boots a real kernel with no initrd: it prints "Linux version", panics ("VFS: Unable to mount root fs"),
/// and with panic=-1 reboots at once, which -no-reboot turns into QEMU's exit.
/// </summary>
[Category(Categories.Boot)]
public class QemuMachineTests
{
    private static readonly TimeSpan BootBudget = TimeSpan.FromSeconds(90);
    private string root = "";

    [SetUp]
    public void CreateRoot() => root = Directory.CreateTempSubdirectory("bt-qemu-test-").FullName;

    [TearDown]
    public void ShowRunDirectory()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == global::NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"Run files kept in {root}");
            return;
        }
        Directory.Delete(root, recursive: true);
    }

    private QemuLaunchOptions Options(string runDirectory, string kernel) => new()
    {
        KernelPath = kernel,
        RunDirectory = runDirectory,
        MemoryMiB = 256,
        Accelerator = Accelerator.Tcg,
    };

    [Test]
    public async Task A_kernel_without_a_root_fs_fills_the_console_and_its_panic_ends_QEMU()
    {
        // A space, a comma and a quote in both the run directory and the kernel path.
        var runDirectory = Path.Combine(root, "run 1,a'b");
        Directory.CreateDirectory(runDirectory);
        var kernel = Path.Combine(runDirectory, "vm,linuz here");
        File.Copy(TestKernel.Path, kernel);
        var sink = new RecordingConsoleSink();

        var machine = await QemuMachine.StartAsync(Options(runDirectory, kernel), sink).WaitAsync(BootBudget);
        var pid = machine.Pid;
        try
        {
            machine.AcceleratorInUse.Should().Be(Accelerator.Tcg);
            machine.QemuVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
            machine.SshHostPort.Should().BeGreaterThan(0);
            machine.RunDirectory.Should().Be(runDirectory);
            File.ReadAllLines(Path.Combine(runDirectory, "qemu-argv.txt")).Should().Equal(machine.Argv);

            var exit = await machine.Exited.WaitAsync(BootBudget);

            sink.Text.Should().Contain("Linux version").And.Contain("Kernel panic");
            File.ReadAllText(Path.Combine(runDirectory, "console.log")).Should().Contain("Linux version");
            exit.ShutdownReason.Should().Be("guest-reset", "panic=-1 reboots at once and -no-reboot makes that QEMU's exit");
            exit.ExitCode.Should().Be(0);
            exit.HostSeconds.Should().BeGreaterThan(sink.Times[0]);
            sink.Times.Should().BeInAscendingOrder();
            File.ReadAllText(Path.Combine(runDirectory, "qmp.log")).Should().Contain("query-kvm");
        }
        finally
        {
            await machine.DisposeAsync();
        }
        ProcessProbe.IsAlive(pid).Should().BeFalse();
    }

    [Test]
    public async Task Dispose_stops_a_running_machine_removes_its_private_socket_directory_and_can_repeat()
    {
        var runDirectory = Path.Combine(root, new string('x', 100));
        // panic=0 (after the harness's panic=-1) waits forever after the panic, so QEMU is still running at dispose.
        var options = Options(runDirectory, TestKernel.Path) with { Append = "panic=0" };
        var sink = new RecordingConsoleSink();

        var machine = await QemuMachine.StartAsync(options, sink).WaitAsync(BootBudget);
        var socketDirectory = machine.Options.SocketDirectory!;
        socketDirectory.Should().NotStartWith(runDirectory, "the run directory is too long for a socket path");
        await sink.WaitForAsync("Linux version", BootBudget);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await machine.DisposeAsync();
        await machine.DisposeAsync();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6));
        ProcessProbe.IsAlive(machine.Pid).Should().BeFalse();
        Directory.Exists(socketDirectory).Should().BeFalse();
        (await machine.Exited.WaitAsync(TimeSpan.FromSeconds(5))).ShutdownReason.Should().Be("host-qmp-quit");
        File.Exists(Path.Combine(runDirectory, "console.log")).Should().BeTrue();
    }

    [Test]
    public async Task The_machine_watchdog_kills_QEMU_when_the_harness_side_of_its_pipe_closes()
    {
        var options = Options(Path.Combine(root, "run"), TestKernel.Path) with { Append = "panic=0" };
        await using var machine = await QemuMachine.StartAsync(options, new RecordingConsoleSink()).WaitAsync(BootBudget);
        machine.Watchdog!.TargetPid.Should().Be(machine.Pid);

        machine.Watchdog.Trigger();

        var exit = await machine.Exited.WaitAsync(TimeSpan.FromSeconds(5));
        exit.ExitCode.Should().Be(137, "SIGKILL");
        ProcessProbe.IsAlive(machine.Pid).Should().BeFalse();
    }

    [Test]
    public async Task A_missing_kernel_is_a_usage_error_before_QEMU_starts()
    {
        var kernel = Path.Combine(root, "no-such-vmlinuz");
        Func<Task> start = () => QemuMachine.StartAsync(Options(Path.Combine(root, "run"), kernel), new RecordingConsoleSink());

        (await start.Should().ThrowAsync<QemuLaunchException>())
            .Where(e => e.ExitCode == ExitCode.Usage && e.QemuExitCode == null)
            .WithMessage($"*{kernel}*does not exist*");
    }

    [Test]
    public async Task An_option_QEMU_rejects_fails_the_start_with_exit_code_stderr_and_command_line()
    {
        var runDirectory = Path.Combine(root, "run");
        var options = Options(runDirectory, TestKernel.Path) with { ExtraArgs = ["-no-such-option"] };

        Func<Task> start = () => QemuMachine.StartAsync(options, new RecordingConsoleSink()).WaitAsync(BootBudget);

        var e = (await start.Should().ThrowAsync<QemuLaunchException>()).Which;
        e.ExitCode.Should().Be(ExitCode.BootFailed);
        e.QemuExitCode.Should().Be(1);
        e.StderrTail.Should().Contain("-no-such-option");
        e.Message.Should().Contain("-no-such-option").And.Contain(runDirectory);
        e.Argv.Should().Contain("-no-such-option");
        File.ReadAllText(Path.Combine(runDirectory, "qemu-stderr.log")).Should().Contain("-no-such-option");
    }

    [Test]
    public async Task A_QEMU_that_never_opens_its_console_fails_the_start_after_the_timeout_and_is_killed()
    {
        var options = Options(Path.Combine(root, "run"), TestKernel.Path) with
        {
            QemuBinary = FakeQemu.Hanging(root),
            StartTimeout = TimeSpan.FromSeconds(1),
        };

        Func<Task> start = () => QemuMachine.StartAsync(options, new RecordingConsoleSink()).WaitAsync(TimeSpan.FromSeconds(15));

        var e = (await start.Should().ThrowAsync<QemuLaunchException>()).Which;
        e.ExitCode.Should().Be(ExitCode.BootFailed);
        e.Message.Should().Contain("within 1 s");
        var pid = int.Parse(File.ReadAllText(FakeQemu.HangingPidFile(root)).Trim());
        ProcessProbe.IsAlive(pid).Should().BeFalse("the hung stand-in was killed");
    }

    [Test]
    public async Task A_missing_QEMU_binary_is_an_environment_error()
    {
        var options = Options(Path.Combine(root, "run"), TestKernel.Path) with { QemuBinary = "/nonexistent/qemu" };

        Func<Task> start = () => QemuMachine.StartAsync(options, new RecordingConsoleSink());

        (await start.Should().ThrowAsync<QemuLaunchException>())
            .Where(e => e.ExitCode == ExitCode.Environment)
            .WithMessage("*/nonexistent/qemu*");
    }
}
