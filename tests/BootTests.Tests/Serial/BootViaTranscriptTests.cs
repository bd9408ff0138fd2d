using BootTests.Serial;

namespace BootTests.Tests.Serial;

/// <summary>Console logs recorded from real boots through GRUB (BIOS, from the CD image) and iPXE (the NIC ROM over HTTP).</summary>
[TestFixture]
[Category(Categories.Unit)]
public class BootViaTranscriptTests
{
    [Test]
    public void A_good_grub_boot_shows_the_firmware_grub_and_both_loads_before_the_kernel()
    {
        SeenIn("recorded-grub-bios-ok.console.log").Should().ContainInOrder(
            Milestones.Firmware, Milestones.Bootloader, Milestones.KernelLoaded, Milestones.InitrdLoaded,
            Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractBegin, Milestones.ExtractEnd,
            Milestones.SwitchRoot, Milestones.SystemdStart, Milestones.SshdStarted, Milestones.MultiUser, Milestones.LoginPrompt);
    }

    [Test]
    public void A_good_uefi_grub_boot_shows_ovmf_grub_and_both_loads_before_the_kernel()
    {
        SeenIn("recorded-grub-uefi-ok.console.log").Should().ContainInOrder(
            Milestones.Firmware, Milestones.Bootloader, Milestones.KernelLoaded, Milestones.InitrdLoaded,
            Milestones.KernelStart, Milestones.InitStart, Milestones.SystemdStart, Milestones.SshdStarted, Milestones.MultiUser);
    }

    [Test]
    public void Grub_saying_welcome_is_not_systemd_saying_welcome()
    {
        var timeline = Transcripts.Load("recorded-grub-bios-ok.console.log").Timeline;
        var bootloader = timeline.Reached.Select(m => m.Name).ToList().IndexOf(Milestones.Bootloader);

        timeline.Reached.Take(bootloader).Select(m => m.Name).Should().NotContain([Milestones.SystemdStart, Milestones.SwitchRoot, Milestones.ExtractEnd]);
    }

    [Test]
    public void A_good_ipxe_boot_shows_the_script_and_both_fetches_before_the_kernel()
    {
        SeenIn("recorded-ipxe-ok.console.log").Should().ContainInOrder(
            Milestones.Firmware, Milestones.Bootloader, Milestones.KernelLoaded, Milestones.InitrdLoaded,
            Milestones.KernelStart, Milestones.InitStart, Milestones.SystemdStart, Milestones.SshdStarted, Milestones.MultiUser);
    }

    [Test]
    public void Grub_out_of_memory_loading_the_initramfs_fails_at_initrd_loaded()
    {
        var failure = FailureIn("recorded-grub-memory-too-small.console.log");

        failure.Stage.Should().Be(Milestones.InitrdLoaded);
        failure.LastMilestone.Should().Be(Milestones.KernelLoaded);
        failure.Reason.Should().StartWith("GRUB ran out of memory");
        failure.MatchingLine.Should().Be("error: out of memory.");
    }

    [Test]
    public void An_initramfs_the_server_answers_404_for_fails_at_initrd_loaded_naming_the_url()
    {
        // Recorded with an early version of the script (its echo line differs), a real iPXE ROM and a real 404.
        var failure = FailureIn("recorded-ipxe-initrd-404.console.log");

        failure.Stage.Should().Be(Milestones.InitrdLoaded);
        failure.LastMilestone.Should().Be(Milestones.KernelLoaded);
        failure.Reason.Should().Be("iPXE could not fetch a file: http://10.0.2.100/initramfs.img... No such file or directory");
    }

    [Test]
    public void Ipxe_without_room_for_kernel_and_initramfs_fails_at_the_handover()
    {
        var failure = FailureIn("recorded-ipxe-memory-too-small.console.log");

        failure.Stage.Should().Be(Milestones.KernelStart);
        failure.Reason.Should().StartWith("iPXE could not boot: Requested memory not available");
    }

    [TestCase("error: file '/boot/initramfs.img' not found.", "GRUB could not find a file: file '/boot/initramfs.img' not found")]
    [TestCase("error: you need to load the kernel first.", "GRUB could not load the kernel or initramfs: you need to load the kernel first")]
    [TestCase("http://10.0.2.100/vmlinuz... Connection timed out (http://ipxe.org/4c0a6035)", "iPXE could not fetch a file: http://10.0.2.100/vmlinuz... Connection timed out")]
    [TestCase("No bootable device.", "the firmware found nothing to boot")]
    public void Bootloader_errors_are_fatal_with_their_reason(string line, string reason)
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLineSplitter().Feed(System.Text.Encoding.ASCII.GetBytes("boottests: bootloader grub\n" + line + "\n")), 1);

        timeline.Failure.Should().NotBeNull();
        timeline.Failure!.Reason.Should().Be(reason);
        timeline.Failure.Stage.Should().Be(Milestones.DownloadBegin, "the stage after the bootloader milestone");
    }

    [TestCase("http://10.0.2.100/initramfs.img... 38%")]
    [TestCase("http://10.0.2.100/vmlinuz... ok")]
    [TestCase("error: something GRUB-unrelated a program printed")]
    public void Progress_and_success_lines_are_not_failures(string line)
    {
        var timeline = new BootTimeline();
        timeline.Observe(new ConsoleLineSplitter().Feed(System.Text.Encoding.ASCII.GetBytes(line + "\n")), 1);
        timeline.Failure.Should().BeNull();
    }

    /// <summary>The milestones a recorded boot showed on its console (none inferred); the test fails if it also shows a failure or a warning.</summary>
    private static IEnumerable<string> SeenIn(string transcript)
    {
        var timeline = Transcripts.Load(transcript).Timeline;
        timeline.Failure.Should().BeNull();
        timeline.Warnings.Should().BeEmpty();
        return timeline.Reached.Where(m => !m.Inferred).Select(m => m.Name).ToList();
    }

    /// <summary>The failure the recorded transcript ends in; the test fails when it has none.</summary>
    private static BootFailure FailureIn(string transcript)
    {
        var failure = Transcripts.Load(transcript).Timeline.Failure;
        failure.Should().NotBeNull();
        return failure!;
    }
}
