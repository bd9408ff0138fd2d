using BootTests.Checks;
using BootTests.Console;
using BootTests.Images;
using BootTests.Reports;

namespace BootTests.Tests.Boot;

/// <summary>The default image boots to SSH under QEMU once; every test of the fixture looks at that one boot.</summary>
[TestFixture(ImageLayout.Fast)]
[TestFixture(ImageLayout.Seed)]
[Category(Categories.Boot)]
[NonParallelizable]
public sealed partial class DefaultImageBootTests(ImageLayout layout)
{
    /// <summary>Extra kernel arguments with the kernel's own quoting; they must reach /proc/cmdline as written.</summary>
    private const string QuotedAppend = "boottests.probe=\"a b;$(touch pwned)\"";

    private readonly List<string> progressLines = [];
    private BuiltImage image = null!;
    private BootSession session = null!;
    private IReadOnlyList<CheckResult> checks = [];

    [OneTimeSetUp]
    public async Task Boot_the_default_image_once()
    {
        image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe, layout);
        session = await BootedVm.Session().WithImage(image).WithAppend(QuotedAppend).WithProgress(new CapturingProgress(progressLines)).BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    [Test]
    public void It_reaches_every_milestone_in_boot_order()
    {
        var reached = session.Timeline.Reached.Select(m => m.Name).ToList();
        string[] expected =
        [
            Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractBegin, Milestones.ExtractEnd, Milestones.SwitchRoot,
            Milestones.SystemdStart, Milestones.SshdStarted, Milestones.MultiUser, Milestones.SshReady,
        ];
        reached.Should().ContainInOrder(expected, BootedVm.Evidence(session));
        session.Timeline.Reached.Select(m => m.HostSeconds).Should().BeInAscendingOrder();
    }

    [Test]
    public void Every_ram_root_check_passes()
    {
        checks.Select(c => c.Name).Should().Equal(RamRootChecks.All.Select(c => c.Name));
        checks.Where(c => !c.Passed).Should().BeEmpty(BootedVm.Evidence(session));
    }

    [Test]
    public void The_console_shows_no_boot_warnings() =>
        session.Timeline.Warnings.Should().BeEmpty(BootedVm.Evidence(session));

    [Test]
    public async Task Root_is_the_tmpfs_the_init_mounted()
    {
        var result = await session.Guest.RunAsync("findmnt -n -o FSTYPE /; cat /proc/cmdline");
        result.ExitStatus.Should().Be(0);
        result.Stdout.Should().StartWith("tmpfs").And.NotContain("root=");
        result.Stdout.Should().Contain(QuotedAppend, "--append with balanced quotes reaches the kernel intact");
    }

    [Test]
    public void The_report_says_pass_and_names_the_run_files()
    {
        var report = session.CreateReport(checks);
        report.Verdict.Should().Be(RunReport.Pass);
        report.HostKeyPinned.Should().BeTrue();
        report.Accelerator.Should().BeOneOf("kvm", "tcg");
        report.QemuVersion.Should().NotBeEmpty();
        File.Exists(report.Artifacts["consoleLog"]).Should().BeTrue();
        File.ReadAllText(report.Artifacts["consoleLog"]).Should().Contain("boottests: switch-root");
    }
}
