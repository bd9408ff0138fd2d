using System.Diagnostics;
using BootTests.BootMedia;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>A bootloader that cannot load the initramfs fails the boot at its own stage, with GRUB's or iPXE's line as evidence.</summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class BootViaFailureTests
{
    [Test]
    public async Task Ipxe_with_too_little_memory_to_place_kernel_and_initramfs_fails_at_the_handover_to_the_kernel()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var target = BootTarget.FromImage(image) with { MemoryMiB = 96 };
        var failure = await BootExpectingFailure(BootedVm.Session().WithTarget(target).WithBootVia(BootVia.Ipxe));

        // iPXE 2019 fetches all 90 MB into 96 MiB, then finds no room to lay the kernel and initramfs out for Linux.
        failure.Failure.Stage.Should().Be(Milestones.KernelStart);
        failure.Failure.LastMilestone.Should().BeOneOf(Milestones.InitrdLoaded, Milestones.DownloadEnd);
        failure.Failure.Reason.Should().StartWith("iPXE could not boot").And.Contain("Requested memory not available");
        failure.Failure.MatchingLine.Should().StartWith("Could not boot");
    }

    [Test]
    public async Task Grub_with_too_little_memory_for_the_initramfs_fails_at_initrd_loaded()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var target = BootTarget.FromImage(image) with { MemoryMiB = 96 };
        var failure = await BootExpectingFailure(BootedVm.Session().WithTarget(target).WithBootVia(BootVia.Grub));

        failure.Failure.Stage.Should().Be(Milestones.InitrdLoaded);
        failure.Failure.LastMilestone.Should().Be(Milestones.KernelLoaded);
        failure.Failure.Reason.Should().StartWith("GRUB ran out of memory");
        failure.Failure.MatchingLine.Should().Be("error: out of memory.");
    }

    private static async Task<BootFailedException> BootExpectingFailure(BootSessionBuilder builder)
    {
        await using var session = await builder.BuildAsync();
        var clock = Stopwatch.StartNew();
        var failure = (await FluentActions.Awaiting(() => session.StartAsync()).Should().ThrowAsync<BootFailedException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), "a bootloader's error line must stop the boot at once, not at a stage budget");
        failure.Message.Should().Contain(session.RunDirectory);
        File.Exists(failure.ConsoleLogPath).Should().BeTrue();
        TestContext.Progress.WriteLine($"failed as expected after {clock.Elapsed.TotalSeconds:F1} s: {failure.Failure.Stage}: {failure.Failure.Reason}; console {failure.ConsoleLogPath}");
        return failure;
    }
}
