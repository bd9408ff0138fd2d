using BootTests.BootMedia;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Session;

/// <summary>The boot plan per boot path and kind of /init, walked by the session's own follower over recorded consoles (no QEMU).</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class BootPlanTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(0.2);

    [Test]
    public void A_direct_boot_of_our_image_waits_for_each_stage_of_our_init()
    {
        var plan = BootPlan.For(BootVia.Direct, BootBudgets.Default, ourInit: true);

        plan.Steps.Select(s => s.Milestone).Should().Equal(Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractEnd, Milestones.UserspaceStart);
        plan.Steps.Where(s => s.FirstOutput).Select(s => s.Milestone).Should().Equal(Milestones.KernelStart);
        plan.ReadyWhen.Should().Equal(Milestones.SshdStarted, Milestones.Settled);
    }

    [TestCase(BootVia.Grub, Milestones.InitrdLoaded)]
    [TestCase(BootVia.GrubUefi, Milestones.InitrdLoaded)]
    [TestCase(BootVia.Ipxe, Milestones.DownloadEnd)]
    public void A_bootloader_path_waits_for_the_bootloader_and_its_load_first_with_the_handover_budget_for_the_kernel(BootVia via, string loaded)
    {
        var plan = BootPlan.For(via, BootBudgets.Default, ourInit: true);

        plan.Steps.Select(s => s.Milestone).Take(3).Should().Equal(Milestones.Bootloader, loaded, Milestones.KernelStart);
        plan.Steps.Single(s => s.Milestone == Milestones.KernelStart).Budget.Should().Be(BootBudgets.Default.Handover);
        plan.Steps.Where(s => s.FirstOutput).Select(s => s.Milestone).Should().Equal(Milestones.Bootloader, Milestones.KernelStart);
    }

    [Test]
    public void Another_init_is_not_waited_for_its_extraction_which_it_does_not_announce()
    {
        var plan = BootPlan.For(BootVia.Direct, BootBudgets.Default, ourInit: false);

        plan.Steps.Select(s => s.Milestone).Should().Equal(Milestones.KernelStart, Milestones.InitStart, Milestones.UserspaceStart);
        plan.Steps[^1].Budget.Should().Be(BootBudgets.Default.Extract + BootBudgets.Default.UserspaceStart);
    }

    [TestCase("recorded-fast-layout-ok.console.log", BootVia.Direct, true, Milestones.SshdStarted)]
    [TestCase("recorded-seed-layout-ok.console.log", BootVia.Direct, true, Milestones.SshdStarted)]
    [TestCase("recorded-grub-bios-ok.console.log", BootVia.Grub, true, Milestones.SshdStarted)]
    [TestCase("recorded-grub-uefi-ok.console.log", BootVia.GrubUefi, true, Milestones.SshdStarted)]
    [TestCase("recorded-ipxe-ok.console.log", BootVia.Ipxe, true, Milestones.SshdStarted)]
    [TestCase("classic-sysvinit-good-devtmpfs.console.log", BootVia.Direct, false, Milestones.SshdStarted)]
    [TestCase("classic-sysvinit-good-mdev.console.log", BootVia.Direct, false, Milestones.SshdStarted)]
    [TestCase("classic-openrc-good-devtmpfs.console.log", BootVia.Direct, false, Milestones.SshdStarted)]
    [TestCase("classic-busybox-good-devtmpfs.console.log", BootVia.Direct, false, Milestones.SshdStarted)]
    [TestCase("classic-busybox-broken-devtmpfs.console.log", BootVia.Direct, false, Milestones.Settled)]
    public async Task A_recorded_boot_walks_its_plan_to_ready(string transcript, BootVia via, bool ourInit, string ready)
    {
        var timeline = new BootTimeline();
        var plan = BootPlan.For(via, BootBudgets.Default, ourInit);
        var replay = TranscriptReplay.PlayAsync(timeline, transcript, Pause);

        var silent = await BootPlanFollower.FollowAsync(plan.Steps, timeline, underKvm: false, BootBudgets.Default.KvmFirstOutput, CancellationToken.None);
        var first = await BootPlanFollower.WaitUntilReadyAsync(plan, timeline, CancellationToken.None);
        await replay;

        silent.Should().BeNull();
        first.Should().Be(ready, "the BusyBox image without dropbear settles at its login prompt with no SSH server line");
    }

    [Test]
    public async Task A_boot_that_stops_after_init_start_fails_in_the_extraction_stage_within_its_budget()
    {
        var timeline = new BootTimeline();
        var plan = BootPlan.For(BootVia.Direct, BootBudgets.Default.Scaled(0.005), ourInit: true);
        var lines = Transcripts.Load("recorded-fast-layout-ok.console.log").Lines.TakeWhile(l => !l.Text.Contains("extract-end")).Count();
        await TranscriptReplay.PlayAsync(timeline, "recorded-fast-layout-ok.console.log", Pause, lines);

        var follow = () => BootPlanFollower.FollowAsync(plan.Steps, timeline, underKvm: false, BootBudgets.Default.KvmFirstOutput, CancellationToken.None);

        (await follow.Should().ThrowAsync<StageFailedException>()).Which.Failure.Stage.Should().Be(Milestones.ExtractEnd);
    }

    [Test]
    public async Task A_panic_in_a_recorded_boot_ends_the_walk_at_once_with_the_line()
    {
        var timeline = new BootTimeline();
        var plan = BootPlan.For(BootVia.Direct, BootBudgets.Default, ourInit: true);
        await TranscriptReplay.PlayAsync(timeline, "recorded-rdinit-panic.console.log", Pause);

        var follow = () => BootPlanFollower.FollowAsync(plan.Steps, timeline, underKvm: false, BootBudgets.Default.KvmFirstOutput, CancellationToken.None);

        var failure = (await follow.Should().ThrowAsync<StageFailedException>()).Which.Failure;
        failure.Stage.Should().Be(Milestones.InitStart);
        failure.MatchingLine.Should().Contain("Kernel panic");
    }

    [Test]
    public async Task Under_KVM_a_console_that_stays_empty_is_a_stall_of_the_kernel_step_not_a_failure()
    {
        var plan = BootPlan.For(BootVia.Direct, BootBudgets.Default, ourInit: true);

        var silent = await BootPlanFollower.FollowAsync(plan.ToKernel, new BootTimeline(), underKvm: true, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        silent!.Milestone.Should().Be(Milestones.KernelStart);
    }

    [Test]
    public async Task Under_KVM_firmware_that_runs_while_the_kernel_never_prints_stalls_at_the_kernel_step()
    {
        var timeline = new BootTimeline();
        var plan = BootPlan.For(BootVia.Grub, BootBudgets.Default, ourInit: true);
        var lines = Transcripts.Load("recorded-grub-bios-ok.console.log").Lines.TakeWhile(l => !l.Text.StartsWith("[    0.000000] Linux version", StringComparison.Ordinal)).Count();
        await TranscriptReplay.PlayAsync(timeline, "recorded-grub-bios-ok.console.log", Pause, lines);

        var silent = await BootPlanFollower.FollowAsync(plan.ToKernel, timeline, underKvm: true, TimeSpan.FromMilliseconds(100), CancellationToken.None);

        silent!.Milestone.Should().Be(Milestones.KernelStart);
    }
}
