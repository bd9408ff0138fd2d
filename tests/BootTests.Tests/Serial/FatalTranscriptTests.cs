using BootTests.Serial;

namespace BootTests.Tests.Serial;

[TestFixture]
[Category(Categories.Unit)]
public class FatalTranscriptTests
{
    [TestCase("fatal-kernel-panic.console.log", Milestones.InitStart, Milestones.KernelStart,
        "kernel panic: No working init found.", "Kernel panic - not syncing: No working init found.")]
    [TestCase("fatal-init-error.console.log", "extract", Milestones.ExtractBegin,
        "init failed: tar failed", "boottests: error extract: tar failed")]
    [TestCase("fatal-classic-shell.console.log", Milestones.ExtractEnd, Milestones.ExtractBegin,
        "init failed and dropped into a shell", "Jumping into the shell...")]
    [TestCase("fatal-no-space.console.log", Milestones.ExtractEnd, Milestones.ExtractBegin,
        "no space left on device", "tar: write error: No space left on device")]
    [TestCase("fatal-oom.console.log", Milestones.ExtractEnd, Milestones.ExtractBegin,
        "guest out of memory", "tar invoked oom-killer")]
    [TestCase("fatal-emergency-mode.console.log", Milestones.SshdStarted, Milestones.SystemdStart,
        "systemd entered emergency mode", "You are in emergency mode.")]
    public void A_fatal_line_names_the_stage_the_reason_and_the_line(
        string transcript, string stage, string lastMilestone, string reason, string line)
    {
        var failure = Transcripts.Load(transcript).Timeline.Failure;

        failure.Should().NotBeNull();
        failure!.Stage.Should().Be(stage);
        failure.LastMilestone.Should().Be(lastMilestone);
        failure.Reason.Should().StartWith(reason);
        failure.MatchingLine.Should().Contain(line);
        failure.ConsoleTail[^1].Should().Be(failure.MatchingLine, "the tail is taken when the fatal line arrives");
    }

    [Test]
    public async Task Waiting_for_a_later_milestone_faults_as_soon_as_the_fatal_line_arrives()
    {
        var splitter = new ConsoleLineSplitter();
        var timeline = new BootTimeline();
        var waiting = timeline.WaitForAsync(Milestones.MultiUser);

        timeline.Observe(splitter.Feed(Transcripts.Bytes("fatal-init-error.console.log")), hostSeconds: 9.5);

        waiting.IsFaulted.Should().BeTrue();
        var thrown = await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<FatalConsoleLineException>();
        thrown.Which.Failure.Stage.Should().Be("extract");
        thrown.Which.Message.Should().Contain("boottests: error extract: tar failed").And.Contain("stage 'extract'");
    }

    [Test]
    public async Task A_milestone_reached_before_the_fatal_line_can_still_be_awaited()
    {
        var timeline = Transcripts.Load("fatal-kernel-panic.console.log").Timeline;

        var kernel = await timeline.WaitForAsync(Milestones.KernelStart);

        kernel.GuestSeconds.Should().Be(0.0);
        await FluentActions.Awaiting(() => timeline.WaitForAsync(Milestones.InitStart))
            .Should().ThrowAsync<FatalConsoleLineException>();
    }

    [Test]
    public void Only_the_first_fatal_line_is_the_failure()
    {
        var failure = Transcripts.Load("fatal-no-space.console.log").Timeline.Failure;

        failure!.MatchingLine.Should().Be("tar: write error: No space left on device");
    }
}
