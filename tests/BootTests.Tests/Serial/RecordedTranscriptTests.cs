using BootTests.Serial;

namespace BootTests.Tests.Serial;

/// <summary>Console logs recorded from real boots of our own images (good ones and deliberately broken ones).</summary>
[TestFixture]
[Category(Categories.Unit)]
public class RecordedTranscriptTests
{
    [TestCase("recorded-fast-layout-ok.console.log")]
    [TestCase("recorded-seed-layout-ok.console.log")]
    public void A_good_boot_of_our_init_yields_every_console_milestone_in_order(string transcript)
    {
        var timeline = Transcripts.Load(transcript).Timeline;

        timeline.Failure.Should().BeNull();
        timeline.Warnings.Should().BeEmpty();
        timeline.Reached.Where(m => !m.Inferred).Select(m => m.Name).Should().ContainInOrder(
            Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractBegin, Milestones.ExtractEnd,
            Milestones.SwitchRoot, Milestones.SystemdStart, Milestones.SshdStarted, Milestones.MultiUser, Milestones.LoginPrompt);
    }

    [Test]
    public void A_missing_rdinit_is_a_kernel_panic_before_init_starts()
    {
        var failure = Transcripts.Load("recorded-rdinit-panic.console.log").Timeline.Failure;

        failure.Should().NotBeNull();
        failure!.Stage.Should().Be(Milestones.InitStart);
        failure.LastMilestone.Should().Be(Milestones.KernelStart);
        failure.Reason.Should().Contain("panic");
    }

    [Test]
    public void A_tmpfs_too_small_stops_at_the_first_no_space_line_during_extraction()
    {
        var failure = Transcripts.Load("recorded-tmpfs-too-small.console.log").Timeline.Failure;

        failure.Should().NotBeNull();
        failure!.LastMilestone.Should().Be(Milestones.ExtractBegin);
        failure.MatchingLine.Should().Contain("No space left on device");
    }
}
