using BootTests.BootMedia;
using BootTests.Checks;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>The default image boots to SSH under QEMU once per fixture (directly, through GRUB, through iPXE); every test looks at that one boot.</summary>
[TestFixture(ImageLayout.Fast, BootVia.Direct)]
[TestFixture(ImageLayout.Seed, BootVia.Direct)]
[TestFixture(ImageLayout.Fast, BootVia.Grub)]
[TestFixture(ImageLayout.Fast, BootVia.GrubUefi)]
[TestFixture(ImageLayout.Fast, BootVia.Ipxe)]
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed partial class DefaultImageBootTests(ImageLayout layout, BootVia via)
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
        session = await BootedVm.Session().WithImage(image).WithBootVia(via).WithAppend(QuotedAppend)
            .WithProgress(new CapturingProgress(progressLines)).BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    // systemd stops printing status once the serial getty owns the console, so under load the login prompt can come
    // before "Reached target multi-user"; the harness takes either as the guest having settled.
    private static string Settled(IReadOnlyList<string> reached) =>
        reached.Contains(Milestones.MultiUser) ? Milestones.MultiUser : Milestones.LoginPrompt;

    [Test]
    public void It_reaches_every_milestone_in_boot_order()
    {
        var reached = session.Timeline.Reached.Select(m => m.Name).ToList();
        string[] bootloader = via switch
        {
            BootVia.Grub or BootVia.GrubUefi => [Milestones.Firmware, Milestones.Bootloader, Milestones.KernelLoaded, Milestones.InitrdLoaded],
            // The server's download-end and iPXE's "initramfs.img... ok" race; both come before the kernel.
            BootVia.Ipxe => [Milestones.Firmware, Milestones.Bootloader, Milestones.DownloadBegin, Milestones.KernelLoaded, Milestones.DownloadEnd],
            _ => [],
        };
        string[] expected =
        [
            .. bootloader,
            Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractBegin, Milestones.ExtractEnd, Milestones.SwitchRoot,
            Milestones.SystemdStart, Milestones.SshdStarted, Settled(reached), Milestones.SshReady,
        ];
        reached.Should().ContainInOrder(expected, BootedVm.Evidence(session));
        if (via == BootVia.Ipxe) reached.IndexOf(Milestones.InitrdLoaded).Should().BeInRange(0, reached.IndexOf(Milestones.KernelStart));
        if (via == BootVia.Direct) reached.Should().NotContain([Milestones.Bootloader, Milestones.KernelLoaded, Milestones.DownloadBegin]);
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
        // GRUB re-quotes arguments its own way ("a=b c" for a="b c"); the kernel reads the same argument either way.
        KernelCommandLine.Arguments(result.Stdout).Should().Contain("boottests.probe=a b;$(touch pwned)", "--append with balanced quotes reaches the kernel intact");
        if (!via.IsGrub()) result.Stdout.Should().Contain(QuotedAppend, "outside GRUB the command line is passed as written");
    }

    [Test]
    public void The_report_says_pass_and_names_the_run_files()
    {
        var report = session.CreateReport(checks);
        report.Verdict.Should().Be(RunReport.Pass);
        report.BootVia.Should().Be(via.Name());
        report.HostKeyPinned.Should().BeTrue();
        report.Accelerator.Should().BeOneOf("kvm", "tcg");
        report.QemuVersion.Should().NotBeEmpty();
        File.Exists(report.Artifacts["consoleLog"]).Should().BeTrue();
        File.ReadAllText(report.Artifacts["consoleLog"]).Should().Contain("boottests: switch-root");
    }

    [Test]
    public async Task The_kernel_got_the_same_command_line_as_a_direct_boot()
    {
        var cmdline = (await session.Guest.RunAsync("cat /proc/cmdline")).Stdout.Trim();
        // GRUB puts BOOT_IMAGE= first; everything the harness passes follows unchanged.
        KernelCommandLine.Arguments(cmdline).Should().EndWith(KernelCommandLine.Arguments($"console=ttyS0 panic=-1 no_timer_check {QuotedAppend}"));
        if (via.IsGrub()) cmdline.Should().StartWith("BOOT_IMAGE=/boot/vmlinuz ");
    }

    [Test]
    public void Only_an_ipxe_boot_has_its_ctrl_b_banner_answered_so_it_does_not_wait_for_it()
    {
        var answered = session.CreateReport(checks).Attempts![^1].AnsweredPrompts;
        if (via != BootVia.Ipxe)
        {
            answered.Should().BeEmpty();
            progressLines.Should().NotContain(l => l.Contains(ConsoleAnswer.IpxeShellBanner.Why, StringComparison.Ordinal));
            return;
        }
        answered.Should().Equal([ConsoleAnswer.IpxeShellBanner.Prompt], BootedVm.Evidence(session));
        progressLines.Should().Contain(l => l.Contains(ConsoleAnswer.IpxeShellBanner.Why, StringComparison.Ordinal));
        File.ReadAllText(session.ConsoleLogPath).Should().Contain(ConsoleAnswer.IpxeShellBanner.Prompt, "the real ROM printed the prompt that was answered");
    }

    [Test]
    public void Only_an_ipxe_boot_has_an_http_server_and_it_served_the_script_the_kernel_and_the_initramfs_once_each()
    {
        if (via != BootVia.Ipxe)
        {
            File.Exists(session.HttpLogPath).Should().BeFalse("no other boot path starts the HTTP server");
            return;
        }
        var log = File.ReadAllLines(session.HttpLogPath);
        log.Where(l => l.Contains(" bytes sent", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(' ') + 1)..].Split(" -> ")[0]).Should().Equal(
            "GET /boot.ipxe", "GET /vmlinuz", "GET /initramfs.img");
        log.Should().Contain(l => l.Contains($"GET /initramfs.img -> 200, {new FileInfo(session.Target.InitrdPath).Length} bytes sent", StringComparison.Ordinal));
    }
}
