using System.Diagnostics;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>Boots that go wrong stop at once, naming the stage and the console line, long before any stage budget.</summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class FatalBootTests
{
    [Test]
    public async Task A_kernel_panic_fails_the_boot_at_once()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var failure = await BootExpectingFailure(BootedVm.Session().WithImage(image).WithAppend("rdinit=/does-not-exist"));
        failure.Failure.Reason.Should().Contain("panic", failure.Message);
        failure.Failure.LastMilestone.Should().Be("kernel-start");
    }

    [Test]
    public async Task A_tmpfs_too_small_for_the_rootfs_fails_during_extraction()
    {
        var recipe = BootedVm.DefaultRecipe with { Name = "debian-bookworm-tiny-tmpfs", TmpfsSize = "64m" };
        var image = await BootedVm.BuildAsync(recipe, allowSmallTmpfs: true);
        var failure = await BootExpectingFailure(BootedVm.Session().WithImage(image));
        failure.Failure.Stage.Should().BeOneOf("extract", "extract-end");
        failure.Failure.MatchingLine.Should().Contain("No space left on device");
    }

    private static async Task<BootFailedException> BootExpectingFailure(BootSessionBuilder builder)
    {
        await using var session = await builder.BuildAsync();
        var clock = Stopwatch.StartNew();
        var failure = (await FluentActions.Awaiting(() => session.StartAsync()).Should().ThrowAsync<BootFailedException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), "a fatal line must stop the boot at once, not at a stage budget");
        failure.Message.Should().Contain(session.RunDirectory);
        File.Exists(failure.ConsoleLogPath).Should().BeTrue();
        TestContext.Progress.WriteLine($"failed as expected after {clock.Elapsed.TotalSeconds:F1} s: {failure.Failure.Stage}: {failure.Failure.Reason}");
        return failure;
    }
}
