using BootTests.Console;

namespace BootTests.Tests.Console;

[TestFixture]
[Category(Categories.Unit)]
public class RecordedTranscriptTests
{
    [Test]
    public void The_devtmpfs_networkd_boot_reaches_every_console_milestone_in_order_with_its_guest_time()
    {
        var timeline = Transcripts.Load(Transcripts.DevtmpfsNetworkd).Timeline;

        timeline.Reached.Select(r => (r.Name, r.GuestSeconds, r.Inferred)).Should().Equal(
            (Milestones.Firmware, (double?)null, false),
            (Milestones.KernelStart, 0.0, false),
            (Milestones.InitStart, 2.213324, false),
            (Milestones.ExtractBegin, null, false),
            // The classic script prints nothing after extraction: PID 1 systemd's first message proves both.
            (Milestones.ExtractEnd, 20.799581, true),
            (Milestones.SwitchRoot, 20.799581, true),
            (Milestones.SystemdStart, 20.998133, false),
            (Milestones.SshdStarted, null, false),
            (Milestones.MultiUser, null, false),
            (Milestones.LoginPrompt, null, false));
    }

    [Test]
    public void The_mdev_boot_reaches_multi_user_but_never_shows_a_login_prompt_because_the_serial_getty_waits_for_ttyS0()
    {
        var timeline = Transcripts.Load(Transcripts.MdevDev).Timeline;

        timeline.Reached.Select(r => (r.Name, r.GuestSeconds)).Should().Equal(
            (Milestones.Firmware, (double?)null),
            (Milestones.KernelStart, 0.0),
            (Milestones.InitStart, 2.051618),
            (Milestones.ExtractBegin, null),
            (Milestones.ExtractEnd, 27.430088),
            (Milestones.SwitchRoot, 27.430088),
            (Milestones.SystemdStart, 27.634506),
            (Milestones.SshdStarted, null),
            (Milestones.MultiUser, null));
        timeline.LastMilestone.Should().Be(Milestones.MultiUser);
    }

    [TestCase(Transcripts.DevtmpfsNetworkd)]
    [TestCase(Transcripts.MdevDev)]
    public void A_recorded_healthy_boot_has_no_fatal_line_and_estimated_host_times_that_never_go_back(string transcript)
    {
        var timeline = Transcripts.Load(transcript).Timeline;

        timeline.Failure.Should().BeNull();
        timeline.Reached.Select(r => r.HostSeconds).Should().BeInAscendingOrder();
    }

    [Test]
    public void The_mdev_boot_warns_that_ttyS0_timed_out_and_the_serial_getty_dependency_failed()
    {
        var warnings = Transcripts.Load(Transcripts.MdevDev).Timeline.Warnings;

        warnings.Select(w => w.Reason).Should().Equal(
            "systemd timed out waiting for a device: …dev-ttyS0.device - /dev/ttyS0.",
            "a systemd unit's dependency failed: seri…rvice - Serial Getty on ttyS0.");
        warnings[0].Line.Should().Be("[ TIME ] Timed out waiting for device …dev-ttyS0.device - /dev/ttyS0.");
    }

    [Test]
    public void The_devtmpfs_networkd_boot_has_no_warnings()
    {
        Transcripts.Load(Transcripts.DevtmpfsNetworkd).Timeline.Warnings.Should().BeEmpty();
    }

    [Test]
    public void The_console_tail_keeps_the_last_thirty_visible_lines()
    {
        var timeline = Transcripts.Load(Transcripts.MdevDev).Timeline;

        timeline.Tail.Should().HaveCount(BootTimeline.DefaultTailLength);
        timeline.Tail[^1].Should().Be("qemu-system-x86_64: terminating on signal 15 from pid 10561 (timeout)");
        timeline.Tail.Should().Contain("[  OK  ] Reached target multi-user.target - Multi-User System.");
    }

    [Test]
    public void QEMU_stderr_written_into_the_devtmpfs_log_shares_the_line_of_the_login_prompt()
    {
        var lines = Transcripts.Load(Transcripts.DevtmpfsNetworkd).Lines;

        lines[^1].Text.Should().Be("vm login: qemu-system-x86_64: terminating on signal 15 from pid 11973 (timeout)");
    }
}
