namespace BootTests.Tests.Faults;

/// <summary>Broken boot inputs: a truncated or corrupt initramfs, an initramfs with no /init, a kernel that is not a kernel.</summary>
public sealed class BrokenInputFaultTests : FaultCase
{
    [Test]
    public async Task A_truncated_initramfs_fails_the_boot_when_init_finds_its_mount_points_missing()
    {
        var image = await FaultInputs.DefaultImageAsync();
        // 10 MiB keeps /init and BusyBox but ends inside the first payload part; /proc, /sys and the rest never arrive.
        var initrd = FaultInputs.Truncated(image.InitramfsPath, 10L << 20, Scratch.Input("truncated.img"));
        var run = await Scratch.RunAsync(FaultTrigger.Line("^boottests: error "), FaultInputs.Verify(image, initrd: initrd));
        await ShouldBeReportedAsync(run, 2, ["mount"], "boottests: error mount: cannot mount /proc");
    }

    [Test]
    public async Task A_corrupt_initramfs_fails_the_boot_in_extraction_naming_the_broken_part()
    {
        var image = await FaultInputs.DefaultImageAsync();
        // 8 MiB in is inside the first zstd part (the cpio header and BusyBox come before it).
        var initrd = FaultInputs.Corrupted(image.InitramfsPath, 8L << 20, 64 << 10, Scratch.Input("corrupt.img"));
        var run = await Scratch.RunAsync(FaultTrigger.Line("^boottests: error "), FaultInputs.Verify(image, initrd: initrd));
        await ShouldBeReportedAsync(run, 2, ["extract"], "boottests: error extract: unpacking /payload/part-001.tar.zst failed");
    }

    [Test]
    public async Task An_initramfs_without_init_fails_the_boot_with_the_kernels_panic()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var initrd = FaultInputs.TinyInitramfs(null, Scratch.Input("no-init.img"));
        var run = await Scratch.RunAsync(FaultTrigger.Line("Kernel panic"), FaultInputs.Verify(image, initrd: initrd, memory: "512M"));
        await ShouldBeReportedAsync(run, 2, ["init-start"], "Kernel panic - not syncing");
        run.FailureMessage.Should().Contain("panic");
    }

    [Test]
    public async Task A_kernel_that_is_not_a_kernel_is_refused_before_qemu_starts()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var kernel = FaultInputs.NotAKernel(Scratch.Input("vmlinuz"));
        var run = await Scratch.RunAsync(new FaultTrigger.AtStart(), FaultInputs.Verify(image, kernel: kernel));

        // Bad input, found by reading the boot header: exit 3 (usage) and no boot at all, so no run folder.
        run.ExitCode.Should().Be(3, run.Output);
        run.StandardError.Should().Contain("boottest: kernel:").And.Contain(kernel).And.Contain("not an x86 Linux kernel");
        run.RunDirectory.Should().BeNull("nothing boots, so no run folder is made");
        File.Exists(Scratch.ReportPath).Should().BeFalse("no half-written report");
        RecordTime(run);
        await Scratch.ShouldLeaveNothingBehindAsync(run);
    }
}
