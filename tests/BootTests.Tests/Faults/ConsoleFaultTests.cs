namespace BootTests.Tests.Faults;

/// <summary>Faults the guest reports on its console: a kernel panic, our /init's error marker, the classic script's shell.</summary>
public sealed class ConsoleFaultTests : FaultCase
{
    [Test]
    public async Task A_kernel_panic_fails_the_boot_at_the_panic_line()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var run = await Scratch.RunAsync(FaultTrigger.Line("Kernel panic"), FaultInputs.Verify(image, append: "rdinit=/does-not-exist"));
        await ShouldBeReportedAsync(run, 2, ["init-start"], "Kernel panic - not syncing");
        run.FailureMessage.Should().Contain("panic");
    }

    [Test]
    public async Task The_init_error_marker_fails_the_boot_in_the_stage_it_names()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var initrd = FaultInputs.TinyInitramfs(FaultInputs.RealInitWithoutPayload, Scratch.Input("init-without-payload.img"));
        var run = await Scratch.RunAsync(FaultTrigger.Line("^boottests: error "), FaultInputs.Verify(image, initrd: initrd, memory: "512M"));
        await ShouldBeReportedAsync(run, 2, ["extract"], "boottests: error extract: the zstd carried in the initramfs cannot run");
    }

    [Test]
    public async Task The_classic_scripts_jump_into_the_shell_fails_the_boot()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var initrd = FaultInputs.TinyInitramfs(FaultInputs.ClassicInitWithoutRootfs, Scratch.Input("classic.img"));
        var run = await Scratch.RunAsync(FaultTrigger.Line("Jumping into the shell"), FaultInputs.Verify(image, initrd: initrd, memory: "512M"));
        await ShouldBeReportedAsync(run, 2, ["extract-end"], "Jumping into the shell...");
        run.FailureMessage.Should().Contain("shell");
    }
}
