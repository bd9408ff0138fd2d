using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BootTests.Guest;
using BootTests.NUnit;
using BootTests.Serial;
using BootTests.Session;
using CliWrap.Buffered;
using NUnit.Framework.Internal;

namespace BootTests.Tests.Boot;

/// <summary>
/// The test kit a user's fixture derives from, on one boot of the default image: every guest verb doing its job and
/// failing with what it saw, the run files attached, then a reboot (RAM only: nothing survives it) and the power-off.
/// The tests are a scenario, so they run in order.
/// </summary>
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class TestKitBootTests : BootedVmFixture
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(3);

    protected override BootSessionBuilder Configure(BootSessionBuilder builder) => builder.WithPortForward(8080);

    [Test, Order(1)]
    public async Task SucceedAsync_returns_stdout_and_throws_on_a_failing_command_with_its_exit_code_and_output()
    {
        (await Vm.SucceedAsync("findmnt -n -o FSTYPE /")).Trim().Should().Be("tmpfs");

        var thrown = await Vm.Invoking(v => v.SucceedAsync("echo to-out; echo to-err >&2; exit 3")).Should().ThrowAsync<GuestCommandFailedException>();
        thrown.Which.Message.Should().Contain("exited 3").And.Contain("stdout: to-out").And.Contain("stderr: to-err");
    }

    [Test, Order(2)]
    public async Task FailAsync_returns_a_failing_result_and_throws_when_the_command_succeeds()
    {
        (await Vm.FailAsync("test -s /etc/fstab")).ExitStatus.Should().Be(1, "a RAM-root image has an empty fstab");

        await Vm.Invoking(v => v.FailAsync("test -d /root")).Should().ThrowAsync<GuestCommandFailedException>();
    }

    [Test, Order(3)]
    public async Task WaitUntilSucceedsAsync_and_WaitForFileAsync_wait_for_what_a_background_job_does_and_time_out_saying_what_they_saw()
    {
        await Vm.SucceedAsync("nohup sh -c 'sleep 2; touch /run/later' >/dev/null 2>&1 &");

        await Vm.WaitForFileAsync("/run/later", TimeSpan.FromSeconds(60));
        await Vm.WaitUntilSucceedsAsync("test -e /run/later", TimeSpan.FromSeconds(60));
        (await Vm.Invoking(v => v.WaitUntilSucceedsAsync("test -e /run/never", Short)).Should().ThrowAsync<WaitTimedOutException>())
            .Which.Message.Should().Contain("exit 1");
        (await Vm.Invoking(v => v.WaitForFileAsync("/run/never", Short)).Should().ThrowAsync<WaitTimedOutException>())
            .Which.Message.Should().Contain("`ls -la /run/` showed").And.Contain("later");
    }

    [Test, Order(4)]
    public async Task WaitForUnitAsync_waits_for_an_active_unit_and_fails_at_once_on_one_that_does_not_exist()
    {
        await Vm.WaitForUnitAsync("ssh.service");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        (await Vm.Invoking(v => v.WaitForUnitAsync("no-such-thing.service")).Should().ThrowAsync<BootTestsException>())
            .Which.Message.Should().Contain("does not exist").And.Contain("LoadState=not-found");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a unit that does not exist is not waited for");
    }

    [Test, Order(5)]
    public async Task WaitForOpenPortAsync_sees_a_second_sshd_listen_and_forwards_reach_it_on_loopback_only()
    {
        await Vm.SucceedAsync("/usr/sbin/sshd -p 8080 -p 8081 -o PidFile=/run/sshd-extra.pid");
        await Vm.WaitForOpenPortAsync(8080);
        (await Vm.Invoking(v => v.WaitForOpenPortAsync(9, Short)).Should().ThrowAsync<WaitTimedOutException>())
            .Which.Message.Should().Contain("listening on TCP 22, 8080, 8081 only");

        var added = await Vm.ForwardPortAsync(8081);

        (await BannerAt(Vm.ForwardedPort(8080))).Should().StartWith("SSH-2.0-", "WithPortForward(8080) forwards from the start");
        (await BannerAt(added)).Should().StartWith("SSH-2.0-", "ForwardPortAsync(8081) forwards from now on");
        var listening = ListeningSockets.Of(Vm.Machine.Pid);
        listening.Should().Contain(new IPEndPoint(IPAddress.Loopback, added));
        listening.Should().OnlyContain(e => IPAddress.IsLoopback(e.Address), "every forward listens on 127.0.0.1 only");
    }

    [Test, Order(6)]
    public async Task The_console_can_be_waited_on_and_typed_on()
    {
        await Vm.SucceedAsync("echo boottests-console-marker > /dev/ttyS0");
        (await Vm.WaitForConsoleTextAsync("console-marker$")).Should().Be("boottests-console-marker");

        await Vm.SendConsoleAsync("nosuchuser\n");
        await Vm.WaitForConsoleTextAsync("^Password:", TimeSpan.FromSeconds(60));
        (await Vm.Invoking(v => v.WaitForConsoleTextAsync("never printed", Short)).Should().ThrowAsync<WaitTimedOutException>())
            .Which.Message.Should().Contain("the last lines were").And.Contain("Password:");
    }

    [Test, Order(7)]
    public async Task Files_are_copied_in_and_out_over_the_pinned_connection()
    {
        using var scratch = new TempDirectory();
        var payload = RandomNumberGenerator.GetBytes(200_000);
        var local = scratch.Combine("payload.bin");
        await File.WriteAllBytesAsync(local, payload);

        await Vm.CopyToAsync(local, "/root/payload.bin");
        (await Vm.SucceedAsync("sha256sum /root/payload.bin")).Should().StartWith(Convert.ToHexStringLower(SHA256.HashData(payload)));
        await Vm.CopyFromAsync("/etc/os-release", scratch.Combine("os-release"));
        (await File.ReadAllTextAsync(scratch.Combine("os-release"))).Should().Contain("bookworm");
        await Vm.Invoking(v => v.CopyFromAsync("/no/such/file", scratch.Combine("x"))).Should().ThrowAsync<GuestCommandFailedException>();
    }

    [Test, Order(9)]
    public void A_failed_test_gets_the_console_log_qemu_command_line_and_report_attached()
    {
        var attached = RunFileAttachments.Attach(Vm);

        attached.Select(Path.GetFileName).Should().Contain(["console.log", "qemu-argv.txt", RunFileAttachments.ReportFile]);
        TestExecutionContext.CurrentContext.CurrentResult.TestAttachments.Select(a => a.FilePath).Should().Contain(attached);
        File.ReadAllText(Path.Combine(Vm.RunDirectory, RunFileAttachments.ReportFile)).Should().Contain("\"ssh-ready\"");
    }

    [Test, Order(8)]
    public async Task The_printed_ssh_line_and_boottest_ssh_get_in_with_the_host_key_pinned_and_no_prompt()
    {
        var login = Vm.SshLogin!;
        var bootId = (await Vm.SucceedAsync("cat /proc/sys/kernel/random/boot_id")).Trim();

        var ssh = await CliWrap.Cli.Wrap("ssh").WithArguments([.. login.Arguments.SkipLast(1), "-o", "BatchMode=yes", login.Arguments[^1], "--", "cat", "/proc/sys/kernel/random/boot_id"])
            .WithValidation(CliWrap.CommandResultValidation.None).ExecuteBufferedAsync();
        var again = await BoottestCli.RunAsync("ssh", Vm.RunDirectory, "--", "cat", "/proc/sys/kernel/random/boot_id");

        File.ReadAllText(login.KnownHostsPath).Should().StartWith($"[127.0.0.1]:{Vm.ForwardedPort(22)} ssh-ed25519 ");
        ssh.ExitCode.Should().Be(0, ssh.StandardError);
        ssh.StandardOutput.Trim().Should().Be(bootId);
        again.ExitCode.Should().Be(0, again.StandardError);
        again.StandardOutput.Trim().Should().Be(bootId);
    }

    [Test, Order(10)]
    public async Task RebootAsync_boots_again_with_a_new_boot_id_and_nothing_written_before_survives()
    {
        var before = (await Vm.SucceedAsync("cat /proc/sys/kernel/random/boot_id")).Trim();
        await Vm.SucceedAsync("echo written-before-reboot > /root/ram-only-marker && sync");

        var after = await Vm.RebootAsync();

        after.Should().NotBe(before);
        (await Vm.SucceedAsync("cat /proc/sys/kernel/random/boot_id")).Trim().Should().Be(after);
        await Vm.FailAsync("test -e /root/ram-only-marker");
        (await Vm.SucceedAsync("timeout 60 systemctl is-system-running --wait")).Trim().Should().Be("running");
        Vm.Timeline.Reached.Select(m => m.Name).Should().ContainInOrder(Milestones.KernelStart, Milestones.SwitchRoot, Milestones.SshReady);
        Vm.Timeline.Find(Milestones.KernelStart)!.HostSeconds.Should().BeGreaterThan(Vm.Timeline.Find(Milestones.SshReady)!.HostSeconds - 300);
    }

    [Test, Order(11)]
    public async Task ShutdownAsync_powers_the_guest_off_and_qemu_exits_by_itself()
    {
        var outcome = await Vm.ShutdownAsync();

        outcome.ExitedByItself.Should().BeTrue(outcome.Describe());
        outcome.GuestCommand.Should().Be("systemctl poweroff --no-block");
        outcome.QemuExitCode.Should().Be(0);
        (await Vm.WaitForExitAsync()).ExitCode.Should().Be(0);
        await Vm.Invoking(v => v.SucceedAsync("true")).Should().ThrowAsync<InvalidOperationException>().WithMessage("*powered off*");
    }

    private static async Task<string> BannerAt(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
    }
}
