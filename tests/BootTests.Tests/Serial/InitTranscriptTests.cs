using BootTests.Images;
using BootTests.Serial;

namespace BootTests.Tests.Serial;

/// <summary>
/// Real boots of Debian trees under sysvinit, OpenRC and BusyBox init (with OpenSSH or dropbear), by a classic
/// RAM-root /init: the console says which init runs, when the SSH server started and when the init settled.
/// </summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class InitTranscriptTests
{
    [TestCase("classic-sysvinit-good-devtmpfs.console.log", InitSystem.Sysvinit)]
    [TestCase("classic-sysvinit-good-mdev.console.log", InitSystem.Sysvinit)]
    [TestCase("classic-openrc-good-devtmpfs.console.log", InitSystem.OpenRC)]
    [TestCase("classic-busybox-good-devtmpfs.console.log", InitSystem.Unknown)]
    [TestCase("recorded-fast-layout-ok.console.log", InitSystem.Systemd)]
    public void Each_init_reaches_userspace_the_SSH_server_and_settles_in_order(string transcript, InitSystem init)
    {
        var timeline = Transcripts.Load(transcript).Timeline;

        timeline.Failure.Should().BeNull();
        timeline.Init.Should().Be(init, "BusyBox init prints nothing of its own; the guest tells which init it is");
        timeline.Reached.Select(m => m.Name).Should().ContainInOrder(
            Milestones.KernelStart, Milestones.InitStart, Milestones.SwitchRoot, Milestones.UserspaceStart,
            Milestones.SshdStarted, Milestones.Settled);
    }

    [Test]
    public void The_first_userspace_line_after_our_switch_root_marker_starts_userspace_under_an_init_that_says_nothing()
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLine("boottests: switch-root"), 10);
        timeline.Observe(new ConsoleLine("[   10.1] random: crng init done"), 10.1);
        timeline.Observe(new ConsoleLine("Starting syslogd: OK"), 10.5);

        timeline.Find(Milestones.UserspaceStart).Should().Match<MilestoneRecord>(r => r.HostSeconds == 10.5 && r.Inferred);
    }

    [Test]
    public void Under_sysvinit_an_init_script_that_fails_is_a_warning_naming_it()
    {
        var timeline = Transcripts.Load("classic-sysvinit-broken-devtmpfs.console.log").Timeline;

        timeline.Failure.Should().BeNull("a failed init script does not stop the boot");
        timeline.Warnings.Where(w => w.Reason.StartsWith(ConsoleCatalogue.InitScriptFailed, StringComparison.Ordinal))
            .Select(w => w.Reason).Should().Contain(r => r.Contains("brokenlsb")).And.Contain(r => r.Contains("brokensilent"));
    }

    [Test]
    public void Under_OpenRC_a_service_that_fails_to_start_is_a_warning_naming_it()
    {
        var timeline = Transcripts.Load("classic-openrc-broken-devtmpfs.console.log").Timeline;

        timeline.Warnings.Select(w => w.Reason).Should().Contain(r => r.StartsWith(ConsoleCatalogue.InitScriptFailed) && r.Contains("failsvc failed to start"));
    }

    [TestCase("classic-sysvinit-good-devtmpfs.console.log")]
    [TestCase("classic-openrc-good-devtmpfs.console.log")]
    [TestCase("classic-busybox-good-devtmpfs.console.log")]
    public void A_good_boot_under_another_init_has_no_warnings(string transcript) =>
        Transcripts.Load(transcript).Timeline.Warnings.Should().BeEmpty();

    [Test]
    public void BusyBox_init_without_its_SSH_server_still_settles_at_its_login_prompt_with_no_sshd_line()
    {
        var timeline = Transcripts.Load("classic-busybox-broken-devtmpfs.console.log").Timeline;

        timeline.Find(Milestones.Settled).Should().NotBeNull();
        timeline.Find(Milestones.SshdStarted).Should().BeNull();
    }
}
