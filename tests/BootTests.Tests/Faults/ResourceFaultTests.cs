using BootTests.Tests.Boot;

namespace BootTests.Tests.Faults;

/// <summary>A guest short of room: a tmpfs too small for the rootfs (ENOSPC while unpacking), too little memory (OOM).</summary>
public sealed class ResourceFaultTests : FaultCase
{
    [Test]
    public async Task A_tmpfs_too_small_for_the_rootfs_fails_in_extraction_with_ENOSPC()
    {
        var recipe = BootedVm.DefaultRecipe with { Name = "debian-bookworm-tiny-tmpfs", TmpfsSize = "64m" };
        var image = await BootedVm.BuildAsync(recipe, allowSmallTmpfs: true);
        var run = await Scratch.RunAsync(FaultTrigger.Line("No space left on device"), FaultInputs.Verify(image));
        await ShouldBeReportedAsync(run, 2, ["extract", "extract-end"], "No space left on device");
    }

    [Test]
    public async Task Too_little_guest_memory_fails_the_boot_at_the_oom_killer()
    {
        var image = await FaultInputs.DefaultImageAsync();
        // 320 MiB boots the kernel and /init, but the payload and the unpacked tree do not both fit. The initramfs's own
        // rootfs is a tmpfs capped at half the RAM, which fills up first (ENOSPC, the case above); as a ramfs it has no
        // cap, so the guest really runs out of memory.
        var run = await Scratch.RunAsync(FaultTrigger.Line("invoked oom-killer|Out of memory"),
            FaultInputs.Verify(image, memory: "320M", append: "rootfstype=ramfs"));
        await ShouldBeReportedAsync(run, 2, ["extract-end"], "invoked oom-killer");
        run.FailureMessage.Should().Contain("out of memory");
    }
}
