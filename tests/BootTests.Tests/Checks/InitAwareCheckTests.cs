using BootTests.Checks;
using BootTests.Images;

namespace BootTests.Tests.Checks;

/// <summary>Checks under inits other than systemd: their own equivalents where there are some, not-applicable (never pass) where not.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class InitAwareCheckTests
{
    private static FakeGuest Sysvinit(string runlevel = "N 2") => GoodRamRootGuest.Create()
        .WithCommand("runlevel; sed -n 's/^[^#:]*:\\([0-9S]\\):initdefault:.*/\\1/p' /etc/inittab", $"{runlevel}\n2\n");

    private static FakeGuest OpenRc(string defaultRunlevel, string crashed = "") => GoodRamRootGuest.Create()
        .WithCommand("rc-status -r", "default\n")
        .WithCommand("rc-status --crashed", crashed, crashed.Length == 0 ? 1 : 0)
        .WithCommand("rc-status default", defaultRunlevel);

    private const string OpenRcDefault = "Runlevel: default\n bootlogs   [  started  ]\n ssh        [  started  ]\n rc.local   [  started  ]\n";

    [Test]
    public async Task Under_sysvinit_the_default_runlevel_with_no_failed_script_passes()
    {
        var result = await new SystemRunningCheck().RunAsync(Sysvinit(), CheckTestContext.Under(InitSystem.Sysvinit), CancellationToken.None);

        result.Status.Should().Be(CheckStatus.Pass, result.Actual);
        result.Actual.Should().Be("runlevel 2 (default 2); init scripts that failed: none");
    }

    [Test]
    public async Task Under_sysvinit_an_init_script_the_console_saw_fail_fails_the_check_naming_it()
    {
        var result = await new SystemRunningCheck().RunAsync(Sysvinit(), CheckTestContext.Under(InitSystem.Sysvinit, "brokenlsb brokensilent"), CancellationToken.None);

        result.Status.Should().Be(CheckStatus.Fail);
        result.Actual.Should().Contain("init scripts that failed: brokenlsb brokensilent");
    }

    [Test]
    public async Task Under_sysvinit_a_guest_still_in_its_boot_runlevel_fails() =>
        (await new SystemRunningCheck().RunAsync(Sysvinit("unknown"), CheckTestContext.Under(InitSystem.Sysvinit), CancellationToken.None))
            .Status.Should().Be(CheckStatus.Fail);

    [Test]
    public async Task Under_OpenRC_every_default_service_started_passes()
    {
        var result = await new SystemRunningCheck().RunAsync(OpenRc(OpenRcDefault), CheckTestContext.Under(InitSystem.OpenRC), CancellationToken.None);

        result.Status.Should().Be(CheckStatus.Pass, result.Actual);
    }

    [Test]
    public async Task Under_OpenRC_a_crashed_or_failed_service_fails_the_check_naming_it()
    {
        var failed = await new SystemRunningCheck().RunAsync(OpenRc(OpenRcDefault + " crashsup      [ failed ]\n failsvc  [  stopped  ]\n"), CheckTestContext.Under(InitSystem.OpenRC), CancellationToken.None);
        var crashed = await new SystemRunningCheck().RunAsync(OpenRc(OpenRcDefault, crashed: " crashsvc\n"), CheckTestContext.Under(InitSystem.OpenRC), CancellationToken.None);

        failed.Status.Should().Be(CheckStatus.Fail);
        failed.Actual.Should().Contain("not started: crashsup failed; failsvc stopped");
        crashed.Status.Should().Be(CheckStatus.Fail);
        crashed.Actual.Should().Contain("crashed: crashsvc");
    }

    [Test]
    public async Task Under_BusyBox_init_system_running_is_not_applicable_and_says_why()
    {
        var result = await new SystemRunningCheck().RunAsync(GoodRamRootGuest.Create(), CheckTestContext.Under(InitSystem.BusyBox), CancellationToken.None);

        result.Status.Should().Be(CheckStatus.NotApplicable);
        result.Passed.Should().BeFalse("not applicable is never a pass");
        result.Actual.Should().Contain("BusyBox init keeps no record");
    }

    [TestCase(InitSystem.Sysvinit)]
    [TestCase(InitSystem.OpenRC)]
    [TestCase(InitSystem.BusyBox)]
    public async Task The_getty_drop_in_is_not_applicable_without_systemd(InitSystem init)
    {
        var result = await new GettyNoclearCheck().RunAsync(GoodRamRootGuest.Create(), CheckTestContext.Under(init), CancellationToken.None);

        result.Status.Should().Be(CheckStatus.NotApplicable);
        result.Actual.Should().Contain("systemd's").And.Contain(init.Name());
    }

    [Test]
    public async Task A_tmpfs_dev_fails_under_systemd_naming_the_classic_init_and_the_fix()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/proc/self/mountinfo", GoodRamRootGuest.MountInfo.Replace("- devtmpfs devtmpfs", "- tmpfs tmpfs"));

        var result = await new DevIsDevtmpfsCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

        result.Status.Should().Be(CheckStatus.Fail);
        result.Actual.Should().Contain("/dev is tmpfs").And.Contain("dev-ttyS0.device").And.Contain("mdev -s").And.Contain("mount -t devtmpfs devtmpfs /dev");
    }

    [Test]
    public async Task A_tmpfs_dev_is_not_applicable_under_sysvinit_and_a_devtmpfs_passes_everywhere()
    {
        var tmpfsDev = GoodRamRootGuest.Create().WithFile("/proc/self/mountinfo", GoodRamRootGuest.MountInfo.Replace("- devtmpfs devtmpfs", "- tmpfs tmpfs"));

        (await new DevIsDevtmpfsCheck().RunAsync(tmpfsDev, CheckTestContext.Under(InitSystem.Sysvinit), CancellationToken.None)).Status.Should().Be(CheckStatus.NotApplicable);
        (await new DevIsDevtmpfsCheck().RunAsync(GoodRamRootGuest.Create(), CheckTestContext.Under(InitSystem.BusyBox), CancellationToken.None)).Status.Should().Be(CheckStatus.Pass);
    }

    [Test]
    public async Task Systemd_that_never_settles_names_the_jobs_it_still_waits_for()
    {
        var guest = GoodRamRootGuest.Create()
            .WithCommand("timeout 60 systemctl is-system-running --wait", "starting\n", exitStatus: 124)
            .WithCommand("systemctl list-jobs --plain --no-legend", "123 dev-ttyS0.device start running\n124 serial-getty@ttyS0.service start waiting\n");

        var result = await new SystemRunningCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

        result.Actual.Should().Be("starting (not settled after 60 s); failed units: none; pending jobs: dev-ttyS0.device (start, running), serial-getty@ttyS0.service (start, waiting)");
    }

    [TestCase("systemd\n/usr/lib/systemd/systemd\ninittab\n", InitSystem.Systemd)]
    [TestCase("init\n/usr/sbin/init\nopenrc\ninittab\n", InitSystem.OpenRC)]
    [TestCase("init\n/usr/bin/busybox\ninittab\n", InitSystem.BusyBox)]
    [TestCase("init\n/usr/sbin/init\ninittab\n", InitSystem.Sysvinit)]
    public async Task The_guest_says_which_init_it_runs(string probe, InitSystem init) =>
        (await GuestInit.DetectAsync(new FakeGuest().WithCommand(GuestInit.Probe, probe), InitSystem.Unknown, CancellationToken.None)).Should().Be(init);

    [Test]
    public void A_verdict_is_never_pass_when_a_core_check_did_not_apply()
    {
        var report = SampleReports.Passing with
        {
            Checks = [new CheckResult("root-is-tmpfs", true, "tmpfs", "tmpfs"), CheckResult.NotApplicable("fstab-empty", "no entries", "no /etc/fstab reading possible")],
        };
        var withOptionalNotApplicable = SampleReports.Passing with
        {
            Checks = [new CheckResult("root-is-tmpfs", true, "tmpfs", "tmpfs"), CheckResult.NotApplicable("getty-noclear", "drop-in", "not systemd")],
        };

        report.Verdict.Should().Be("fail");
        withOptionalNotApplicable.Verdict.Should().Be("pass");
    }
}
