using BootTests.BootMedia;
using BootTests.Checks;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>
/// RAM-root images that are not systemd's, booted for real: sysvinit, OpenRC (under sysvinit's PID 1) and BusyBox init
/// with dropbear, from Debian's packages. Each fixture boots once: in our fast layout or as a classic
/// initramfs (mdev /dev, rootfs.tar.xz in a gzip cpio) made outside the image builder, directly or by iPXE, logging in
/// by key or by password.
/// </summary>
// Each SSH server logs in both ways across the four (OpenSSH by password and by key, dropbear by key and by password).
// The classic initramfs unpacks the BusyBox tree: its init takes ~1 s under TCG where sysvinit's rcS takes ~24 s, and
// the classic /init does the same for any tree.
[TestFixture("debian-bookworm-sysvinit", "fast", BootVia.Direct, true, InitSystem.Sysvinit)]
[TestFixture("debian-bookworm-openrc", "fast", BootVia.Direct, false, InitSystem.OpenRC)]
[TestFixture("debian-bookworm-busybox", "fast", BootVia.Direct, false, InitSystem.BusyBox)]
[TestFixture("debian-bookworm-busybox", "classic", BootVia.Ipxe, true, InitSystem.BusyBox)]
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class OtherInitBootTests(string recipeName, string layout, BootVia via, bool byPassword, InitSystem init)
{
    public const string TestPassword = "boottests";

    private BootSession session = null!;
    private IReadOnlyList<CheckResult> checks = [];

    [OneTimeSetUp]
    public async Task Boot_it_once()
    {
        var recipe = RecipeLoader.Load(recipeName);
        var image = await BootedVm.BuildAsync(recipe, layout == "seed" ? ImageLayout.Seed : ImageLayout.Fast);
        var target = BootTarget.FromImage(image);
        if (layout == "classic")
            target = target with { Name = $"{recipe.Name}/classic", InitrdPath = await ClassicInitramfs.ForAsync(recipe, image), OurInit = false, ExpectedInit = null };
        if (byPassword)
            target = target with { Credentials = SshCredentials.WithPassword("root", TestPassword) };
        session = await BootedVm.Session().WithTarget(target).WithBootVia(via).BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    [Test]
    public void It_follows_its_init_to_userspace_the_SSH_server_and_settled()
    {
        var reached = session.Timeline.Reached.Select(m => m.Name).ToList();

        reached.Should().ContainInOrder([Milestones.KernelStart, Milestones.InitStart, Milestones.UserspaceStart, Milestones.SshdStarted, Milestones.SshReady], BootedVm.Evidence(session));
        reached.Should().Contain(Milestones.Settled).And.NotContain([Milestones.SystemdStart, Milestones.MultiUser]);
        session.Timeline.Init.Should().Be(init == InitSystem.BusyBox ? InitSystem.Unknown : init, "BusyBox init says nothing of its own");
    }

    [Test]
    public void It_passes_with_the_checks_that_cannot_apply_marked_so()
    {
        var report = session.CreateReport(checks);

        report.Verdict.Should().Be("pass", string.Join("\n", checks.Select(c => $"{c.Name}: {c.Status}: {c.Actual}")));
        BootedVm.Check(checks, "getty-noclear").Status.Should().Be(CheckStatus.NotApplicable);
        BootedVm.Check(checks, "system-running").Status.Should().Be(init == InitSystem.BusyBox ? CheckStatus.NotApplicable : CheckStatus.Pass);
        BootedVm.Check(checks, "dev-is-devtmpfs").Status.Should().Be(layout == "classic" ? CheckStatus.NotApplicable : CheckStatus.Pass, "the classic /init fills a tmpfs with mdev");
        foreach (var core in RamRootChecks.Core) BootedVm.Check(checks, core).Status.Should().Be(CheckStatus.Pass);
    }

    [Test]
    public async Task It_is_the_init_and_SSH_server_the_recipe_asked_for_and_root_got_in_as_configured()
    {
        var result = await session.Guest.RunAsync("cat /proc/1/comm; readlink -f /proc/1/exe; ls /run/openrc >/dev/null 2>&1 && echo openrc; ps 2>/dev/null | grep -c '[d]ropbear' || true; whoami");

        result.Stdout.Should().EndWith("root\n");
        if (init == InitSystem.BusyBox) result.Stdout.Should().Contain("/busybox");
        if (init == InitSystem.OpenRC) result.Stdout.Should().Contain("openrc");
        session.Target.Credentials.ToString().Should().Contain(byPassword ? "password" : "key");
    }

    [Test]
    [Order(100)]
    public async Task Its_init_state_check_fails_once_the_guest_breaks_what_it_looks_at()
    {
        var breakIt = init switch
        {
            // A service in the default runlevel whose start fails.
            InitSystem.OpenRC => """
                printf '#!/sbin/openrc-run\ndescription="a service whose start fails"\nstart() { ebegin "Starting failsvc"; false; eend $? "failsvc: could not start"; }\n' > /etc/init.d/failsvc
                chmod 0755 /etc/init.d/failsvc; rc-update add failsvc default >/dev/null; rc-service failsvc start; true
                """,
            // Out of the default runlevel (2 to 5 run the same scripts on Debian, so SSH stays up).
            InitSystem.Sysvinit => "telinit 3; for i in $(seq 50); do [ \"$(runlevel | cut -d' ' -f2)\" = 3 ] && break; sleep 0.2; done",
            _ => "true",
        };
        await session.Guest.RunAsync(breakIt, TimeSpan.FromSeconds(60));

        var rechecked = (await session.RunChecksAsync(checks: [new SystemRunningCheck()])).Single();

        var (status, evidence) = init switch
        {
            InitSystem.OpenRC => (CheckStatus.Fail, "not started: failsvc stopped"),
            InitSystem.Sysvinit => (CheckStatus.Fail, "runlevel 3 (default 2)"),
            _ => (CheckStatus.NotApplicable, "BusyBox init keeps no record"),
        };
        rechecked.Status.Should().Be(status, rechecked.Actual);
        rechecked.Actual.Should().Contain(evidence);
    }
}
