using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class RootIsTmpfsCheckTests
{
    private static Task<CheckResult> Run(FakeGuest guest, CheckContext? context = null) =>
        new RootIsTmpfsCheck().RunAsync(guest, context ?? CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task A_tmpfs_root_of_the_asked_size_passes()
    {
        var result = await Run(GoodRamRootGuest.Create());

        result.Should().Be(new CheckResult("root-is-tmpfs", true, "tmpfs, 1536 MiB", "tmpfs, 1536 MiB"));
    }

    [Test]
    public async Task The_initramfs_rootfs_left_in_place_fails_and_says_rootfs()
    {
        var guest = GoodRamRootGuest.Create()
            .WithFile("/proc/self/mountinfo", "1 1 0:2 / / rw - rootfs rootfs rw,size=1010000k\n22 1 0:5 / /dev rw - devtmpfs devtmpfs rw\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("rootfs");
    }

    [Test]
    public async Task A_tmpfs_of_the_wrong_size_fails_and_shows_its_size()
    {
        var guest = GoodRamRootGuest.Create().WithCommand("stat -f -c '%b %S' /", "131072 4096\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("tmpfs, 512 MiB");
        result.Expected.Should().Be("tmpfs, 1536 MiB");
    }

    [Test]
    public async Task A_size_that_is_not_a_whole_number_of_pages_is_compared_after_rounding_up()
    {
        var asked = GoodRamRootGuest.TmpfsBytes - 100;

        var result = await Run(GoodRamRootGuest.Create(), new CheckContext(asked, []));

        result.Passed.Should().BeTrue();
    }

    [Test]
    public async Task The_last_mount_on_slash_is_the_one_that_counts()
    {
        var guest = GoodRamRootGuest.Create()
            .WithFile("/proc/self/mountinfo", "1 1 0:2 / / rw - rootfs rootfs rw\n" + GoodRamRootGuest.MountInfo);

        (await Run(guest)).Passed.Should().BeTrue();
    }

    [Test]
    public async Task Without_an_asked_size_any_tmpfs_passes()
    {
        var result = await Run(GoodRamRootGuest.Create(), new CheckContext(null, []));

        result.Should().Be(new CheckResult("root-is-tmpfs", true, "tmpfs", "tmpfs, 1536 MiB"));
    }
}
