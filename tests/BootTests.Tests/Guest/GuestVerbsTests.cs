using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Tests.Guest;

/// <summary>The test kit's verbs on a fake guest: each one's right outcome, and each one failing with what it saw.</summary>
[TestFixture]
[Category(Categories.Unit)]
[Parallelizable(ParallelScope.Self)]
public sealed class GuestVerbsTests
{
    private const string ProcNetTcp = "cat /proc/net/tcp /proc/net/tcp6 2>/dev/null";
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1.5);

    // Real lines of /proc/net/tcp (sshd on 22, one established connection) and tcp6 (sshd on :::22, nginx on :::8080).
    private const string SshdOnly = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11712 1 0000000000000000 100 0 0 10 0
           1: 0F02000A:0016 0202000A:9AB6 01 00000000:00000000 02:000A4B2D 00000000     0        0 12688 4 0000000000000000 20 4 31 10 -1
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11714 1 0000000000000000 100 0 0 10 0
        """;

    private const string WithHttp = SshdOnly + """

           1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 13001 1 0000000000000000 100 0 0 10 0
        """;

    private readonly List<string> log = [];

    [SetUp]
    public void ForgetTheLog() => log.Clear();

    private GuestVerbs Verbs(FakeGuest guest, InitSystem init = InitSystem.Systemd) => new(guest, init, new CapturingProgress(log));

    [Test]
    public async Task SucceedAsync_returns_the_output_of_a_command_that_exits_0()
    {
        var stdout = await Verbs(new FakeGuest().WithCommand("uname -r", "6.1.0-57-amd64\n")).SucceedAsync("uname -r");

        stdout.Should().Be("6.1.0-57-amd64\n");
    }

    [Test]
    public async Task SucceedAsync_throws_with_the_exit_code_stdout_and_stderr_of_a_failing_command()
    {
        var guest = new FakeGuest().WithAnswers("systemctl start nginx", (5, "partial\n", "Unit nginx.service not found.\n"));

        var thrown = await Verbs(guest).Invoking(v => v.SucceedAsync("systemctl start nginx")).Should().ThrowAsync<GuestCommandFailedException>();

        thrown.Which.Message.Should().Contain("'systemctl start nginx'").And.Contain("exited 5").And.Contain("stdout: partial").And.Contain("stderr: Unit nginx.service not found.");
        thrown.Which.Result.ExitStatus.Should().Be(5);
        thrown.Which.ExitCode.Should().Be(ExitCode.CheckFailed);
        thrown.Which.Stage.Should().Be(Stage.Guest);
    }

    [Test]
    public async Task FailAsync_returns_a_failing_result_and_throws_when_the_command_succeeds()
    {
        var guest = new FakeGuest().WithCommand("true", "").WithAnswers("false", (1, "", ""));

        (await Verbs(guest).FailAsync("false")).ExitStatus.Should().Be(1);
        var thrown = await Verbs(guest).Invoking(v => v.FailAsync("true")).Should().ThrowAsync<GuestCommandFailedException>();
        thrown.Which.Message.Should().Contain("expected to fail").And.Contain("exited 0");
    }

    [Test]
    public async Task WaitUntilSucceedsAsync_tries_again_until_the_command_succeeds_and_logs_how_long_it_took()
    {
        var guest = new FakeGuest().WithAnswers("curl -sf localhost", (7, "", "refused"), (7, "", "refused"), (0, "hello\n", ""));

        var stdout = await Verbs(guest).WaitUntilSucceedsAsync("curl -sf localhost", TimeSpan.FromSeconds(10));

        stdout.Should().Be("hello\n");
        guest.Ran.Should().HaveCount(3);
        log.Should().StartWith("waiting for 'curl -sf localhost' to succeed");
        log.Should().ContainMatch("'curl -sf localhost' to succeed took * s");
    }

    [Test]
    public async Task WaitUntilSucceedsAsync_gives_up_at_its_budget_saying_what_the_last_try_saw()
    {
        var guest = new FakeGuest().WithAnswers("test -s /run/ready", (1, "", "not yet"));

        var thrown = await Verbs(guest).Invoking(v => v.WaitUntilSucceedsAsync("test -s /run/ready", Short)).Should().ThrowAsync<WaitTimedOutException>();

        thrown.Which.Message.Should().Contain("'test -s /run/ready' to succeed").And.Contain("exit 1").And.Contain("not yet");
        guest.Ran.Count.Should().BeGreaterThan(1, "it tries again until the budget runs out");
        log.Should().ContainMatch("*gave up after*the last try saw: exit 1*");
    }

    [Test]
    public async Task WaitUntilFailsAsync_returns_once_the_command_fails()
    {
        var guest = new FakeGuest().WithAnswers("pidof sleep", (0, "42\n", ""), (1, "", ""));

        (await Verbs(guest).WaitUntilFailsAsync("pidof sleep", TimeSpan.FromSeconds(10))).ExitStatus.Should().Be(1);
    }

    [Test]
    public async Task WaitForFileAsync_returns_once_the_file_exists_and_times_out_saying_what_its_folder_held()
    {
        const string probe = "if test -e '/run/app/ready'; then exit 0; fi; ls -la -- '/run/app/' 2>&1; exit 1";
        var appears = new FakeGuest().WithAnswers(probe, (1, "total 0\n", ""), (0, "", ""));
        await Verbs(appears).WaitForFileAsync("/run/app/ready", TimeSpan.FromSeconds(10));

        var never = new FakeGuest().WithAnswers(probe, (1, "total 4\n-rw-r--r-- 1 root root 3 app.pid\n", ""));
        var thrown = await Verbs(never).Invoking(v => v.WaitForFileAsync("/run/app/ready", Short)).Should().ThrowAsync<WaitTimedOutException>();
        thrown.Which.Message.Should().Contain("file /run/app/ready").And.Contain("no /run/app/ready").And.Contain("app.pid");
    }

    [Test]
    public async Task WaitForOpenPortAsync_reads_the_kernel_tables_until_the_port_listens()
    {
        var guest = new FakeGuest().WithAnswers(ProcNetTcp, (0, SshdOnly, ""), (0, WithHttp, ""));

        await Verbs(guest).WaitForOpenPortAsync(8080, TimeSpan.FromSeconds(10));

        guest.Ran.Should().HaveCount(2);
    }

    [Test]
    public async Task WaitForOpenPortAsync_times_out_naming_the_ports_that_do_listen()
    {
        var guest = new FakeGuest().WithAnswers(ProcNetTcp, (0, SshdOnly, ""));

        var thrown = await Verbs(guest).Invoking(v => v.WaitForOpenPortAsync(8080, Short)).Should().ThrowAsync<WaitTimedOutException>();

        thrown.Which.Message.Should().Contain("TCP port 8080").And.Contain("listening on TCP 22 only");
    }

    [Test]
    public void The_listening_ports_are_read_from_both_tables_and_only_in_state_listen() =>
        ListeningTcpPorts.Parse(WithHttp).Should().Equal(22, 8080);

    [Test]
    public async Task WaitForUnitAsync_waits_for_active_and_fails_at_once_on_a_failed_unit_with_its_status()
    {
        const string show = "systemctl show --property=LoadState,ActiveState,SubState -- 'nginx.service'";
        var starts = new FakeGuest().WithAnswers(show,
            (0, "LoadState=loaded\nActiveState=activating\nSubState=start\n", ""), (0, "LoadState=loaded\nActiveState=active\nSubState=running\n", ""));
        await Verbs(starts).WaitForUnitAsync("nginx.service", TimeSpan.FromSeconds(10));

        var fails = new FakeGuest().WithAnswers(show, (0, "LoadState=loaded\nActiveState=failed\nSubState=failed\n", ""))
            .WithCommand("systemctl status --no-pager --lines=20 -- 'nginx.service' 2>&1", "× nginx.service - A high performance web server\n  Main process exited, code=exited, status=1/FAILURE\n", 3);
        var thrown = await Verbs(fails).Invoking(v => v.WaitForUnitAsync("nginx.service", TimeSpan.FromSeconds(30))).Should().ThrowAsync<BootTestsException>();
        thrown.Which.Message.Should().Contain("Unit nginx.service failed").And.Contain("status=1/FAILURE");
        fails.Ran.Count(c => c == show).Should().Be(1, "a failed unit is not waited for");
    }

    [TestCase(InitSystem.Sysvinit, "service nginx status")]
    [TestCase(InitSystem.OpenRC, "rc-service nginx status")]
    [TestCase(InitSystem.BusyBox, "service nginx status")]
    public async Task WaitForUnitAsync_is_systemds_and_says_so_at_once_on_another_init(InitSystem init, string instead)
    {
        var guest = new FakeGuest();

        var thrown = await Verbs(guest, init).Invoking(v => v.WaitForUnitAsync("nginx.service")).Should().ThrowAsync<BootTestsException>();

        thrown.Which.Message.Should().Contain("waits for a systemd unit").And.Contain($"init is {init.Name()}").And.Contain(instead);
        thrown.Which.ExitCode.Should().Be(ExitCode.Usage);
        guest.Ran.Should().BeEmpty();
    }

    [TestCase(InitSystem.Systemd, "systemctl poweroff --no-block", "systemctl reboot --no-block")]
    [TestCase(InitSystem.Sysvinit, "poweroff", "reboot")]
    [TestCase(InitSystem.OpenRC, "poweroff", "reboot")]
    [TestCase(InitSystem.BusyBox, "poweroff", "reboot")]
    public void Each_init_is_powered_off_and_rebooted_its_own_way(InitSystem init, string powerOff, string reboot)
    {
        GuestInitCommands.PowerOff(init).Should().Be(powerOff);
        GuestInitCommands.Reboot(init).Should().Be(reboot);
    }

    [Test]
    public void An_unknown_init_uses_systemctl_only_where_systemd_runs() =>
        GuestInitCommands.PowerOff(InitSystem.Unknown).Should().Be("if [ -d /run/systemd/system ]; then systemctl poweroff --no-block; else poweroff; fi");
}
