using System.Diagnostics;
using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Boot)]
public class ParentDeathWatchdogTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    // Stands in for the harness: starts the watchdog exactly as ParentDeathWatchdog.Argv says, holds the pipe, waits.
    private const string HarnessStandIn =
        "import subprocess, sys, time\n"
        + "watchdog = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE)\n"
        + "print(watchdog.pid, flush=True)\n"
        + "time.sleep(600)\n";

    [Test]
    public async Task When_the_owner_is_killed_with_SIGKILL_the_watched_QEMU_is_killed()
    {
        using var qemu = ProcessProbe.Start("qemu-system-x86_64", "-S", "-nodefaults", "-no-user-config", "-display", "none", "-machine", "none");
        var owner = ProcessProbe.Start("/usr/bin/python3", ["-c", HarnessStandIn, .. ParentDeathWatchdog.Argv(qemu.Id)]);
        try
        {
            var watchdogPid = await owner.StandardOutput.ReadLineAsync().WaitAsync(Soon);
            watchdogPid.Should().NotBeNullOrEmpty();
            await Task.Delay(300);
            ProcessProbe.IsAlive(qemu.Id).Should().BeTrue("the watchdog must leave QEMU alone while its owner lives");

            owner.Kill();

            (await ProcessProbe.DiesWithinAsync(qemu.Id, Soon)).Should().BeTrue("the owner's death closes the pipe and the watchdog kills QEMU");
            (await ProcessProbe.DiesWithinAsync(int.Parse(watchdogPid!), Soon)).Should().BeTrue("the watchdog ends after its kill");
        }
        finally
        {
            ProcessProbe.KillQuietly(owner);
            ProcessProbe.KillQuietly(qemu);
        }
    }

    [Test]
    public async Task Children_started_after_the_watchdog_do_not_keep_its_pipe_open()
    {
        using var target = ProcessProbe.Start("sleep", "600");
        using var watchdog = ParentDeathWatchdog.Start(target.Id);
        using var later = ProcessProbe.Start("sleep", "600");
        try
        {
            await Task.Delay(200);
            ProcessProbe.IsAlive(target.Id).Should().BeTrue();

            watchdog.Trigger();

            (await ProcessProbe.DiesWithinAsync(target.Id, Soon)).Should().BeTrue(
                "only this process holds the write end, so closing it is what the harness's death does");
        }
        finally
        {
            ProcessProbe.KillQuietly(later);
            ProcessProbe.KillQuietly(target);
        }
    }

    [Test]
    public async Task Disposing_the_watchdog_leaves_the_target_running()
    {
        using var target = ProcessProbe.Start("sleep", "600");
        try
        {
            var watchdog = ParentDeathWatchdog.Start(target.Id);
            var shell = watchdog.Pid;
            watchdog.Dispose();
            watchdog.Dispose();

            (await ProcessProbe.DiesWithinAsync(shell, Soon)).Should().BeTrue();
            await Task.Delay(300);
            ProcessProbe.IsAlive(target.Id).Should().BeTrue();
        }
        finally
        {
            ProcessProbe.KillQuietly(target);
        }
    }
}
