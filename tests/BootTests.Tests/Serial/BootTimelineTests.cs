using System.Text.RegularExpressions;
using BootTests.Serial;

namespace BootTests.Tests.Serial;

[TestFixture]
[Category(Categories.Unit)]
public class BootTimelineTests
{
    [Test]
    public async Task Waiting_completes_when_the_milestone_line_arrives_with_host_and_guest_time()
    {
        var timeline = new BootTimeline();
        var waiting = timeline.WaitForAsync(Milestones.KernelStart);

        waiting.IsCompleted.Should().BeFalse();
        timeline.Observe(new ConsoleLine("[    0.000000] Linux version 6.1.0-56-amd64"), hostSeconds: 1.25);

        (await waiting).Should().Be(new MilestoneRecord(Milestones.KernelStart, 1.25, 0.0));
    }

    [Test]
    public void Only_the_first_occurrence_of_a_milestone_is_recorded()
    {
        var timeline = new BootTimeline();

        timeline.Observe(new ConsoleLine("Welcome to Debian!"), hostSeconds: 20);
        timeline.Observe(new ConsoleLine("Welcome to Debian!"), hostSeconds: 40);

        timeline.Find(Milestones.SystemdStart)!.HostSeconds.Should().Be(20);
    }

    [Test]
    public void Our_init_markers_are_recorded_as_seen_not_inferred()
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLine("[    0.000000] Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org)"), hostSeconds: 1);

        foreach (var marker in new[] { "init-start", "extract-begin", "extract-end", "switch-root" })
            timeline.Observe(new ConsoleLine($"boottests: {marker}"), hostSeconds: 3);
        timeline.Observe(new ConsoleLine("[   20.998133] systemd[1]: systemd 252.39-1~deb12u2 running in system mode (+PAM)"), 21);

        timeline.Reached.Should().OnlyContain(r => !r.Inferred);
        timeline.Find(Milestones.SwitchRoot)!.HostSeconds.Should().Be(3);
    }

    [Test]
    public async Task Failing_the_timeline_faults_every_waiter_with_the_callers_reason()
    {
        var timeline = new BootTimeline();
        var waiting = timeline.WaitForAsync(Milestones.LoginPrompt);
        var qemuExited = new BootFailure(Milestones.KernelStart, "QEMU exited with code 1", null, null, []);

        timeline.Fail(qemuExited).Should().BeTrue();

        var thrown = await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<StageFailedException>();
        thrown.Which.Should().NotBeOfType<FatalConsoleLineException>();
        thrown.Which.Failure.Should().Be(qemuExited);
        await FluentActions.Awaiting(() => timeline.WaitForAsync(Milestones.MultiUser)).Should().ThrowAsync<StageFailedException>();
    }

    [Test]
    public void The_first_failure_stays_the_cause()
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLine("[    3.1] Kernel panic - not syncing: Attempted to kill init!"), hostSeconds: 4);

        timeline.Fail(new BootFailure("x", "QEMU exited", null, null, [])).Should().BeFalse();

        timeline.Failure!.Reason.Should().Be("kernel panic: Attempted to kill init!");
    }

    [Test]
    public async Task A_cancelled_wait_throws_operation_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = new BootTimeline().WaitForAsync(Milestones.MultiUser, cancellation.Token);

        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task The_ssh_stage_can_record_ssh_ready()
    {
        var timeline = new BootTimeline();
        var waiting = timeline.WaitForAsync(Milestones.SshReady);

        timeline.Reach(Milestones.SshReady, hostSeconds: 33.3);

        (await waiting).Should().Be(new MilestoneRecord(Milestones.SshReady, 33.3, null));
        timeline.LastMilestone.Should().Be(Milestones.SshReady);
    }

    [Test]
    public void A_console_line_read_before_ssh_ready_but_recorded_after_it_keeps_its_place_by_host_time()
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLine("Reached target multi-user.target - Multi-User System."), hostSeconds: 48.5);
        timeline.Reach(Milestones.SshReady, hostSeconds: 51.7);

        timeline.Observe(new ConsoleLine("boottests login: ", IsPartial: true), hostSeconds: 51.1);

        timeline.Reached.Select(r => r.HostSeconds).Should().BeInAscendingOrder();
        timeline.Reached.Select(r => r.Name).TakeLast(2).Should().Equal(Milestones.LoginPrompt, Milestones.SshReady);
        timeline.LastMilestone.Should().Be(Milestones.SshReady);
    }

    [Test]
    public void The_current_stage_is_the_milestone_after_the_furthest_reached()
    {
        var timeline = new BootTimeline();
        timeline.CurrentStage.Should().Be(Milestones.Firmware);

        timeline.Observe(new ConsoleLine("boottests: extract-begin"), hostSeconds: 5);

        timeline.CurrentStage.Should().Be(Milestones.ExtractEnd);
    }

    [Test]
    public void A_prompt_seen_partial_then_completed_is_one_line_in_the_tail()
    {
        var timeline = new BootTimeline();

        timeline.Observe(new ConsoleLine("vm login: ", IsPartial: true), hostSeconds: 30);
        timeline.Observe(new ConsoleLine("vm login: root"), hostSeconds: 31);

        timeline.Tail.Should().Equal("vm login: root");
    }

    [Test]
    public void The_tail_length_can_be_chosen()
    {
        var timeline = new BootTimeline(tailLength: 2);

        timeline.Observe(new[] { "a", "b", "c" }.Select(text => new ConsoleLine(text)), hostSeconds: 0);

        timeline.Tail.Should().Equal("b", "c");
    }

    [Test]
    public void The_catalogue_can_be_extended_with_a_fatal_rule()
    {
        var catalogue = ConsoleCatalogue.Default with
        {
            FailureRules = [.. ConsoleCatalogue.Default.FailureRules, new(ConsoleSeverity.Fatal, new Regex("segfault at"), "a process crashed")],
        };
        var timeline = new BootTimeline(catalogue);

        timeline.Observe(new ConsoleLine("[    5.0] init[1]: segfault at 0 ip 0000"), hostSeconds: 6);

        timeline.Failure!.Reason.Should().Be("a process crashed");
    }

    [Test]
    public void A_quiet_kernel_is_known_to_have_started_once_its_init_speaks()
    {
        var timeline = new BootTimeline();

        timeline.Observe(new ConsoleLine("boottests: init-start"), hostSeconds: 4);

        timeline.Find(Milestones.KernelStart).Should().Match<MilestoneRecord>(r => r.Inferred && r.HostSeconds == 4);
    }
}
