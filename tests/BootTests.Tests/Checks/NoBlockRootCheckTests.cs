using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class NoBlockRootCheckTests
{
    private static Task<CheckResult> Run(FakeGuest guest) =>
        new NoBlockRootCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task A_tmpfs_root_and_no_root_argument_pass()
    {
        var result = await Run(GoodRamRootGuest.Create());

        result.Passed.Should().BeTrue();
        result.Actual.Should().Be("/ is tmpfs from 'tmpfs' on 0:21; no root= on the kernel command line");
    }

    [Test]
    public async Task A_root_argument_on_the_command_line_fails_and_is_quoted()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/proc/cmdline", "console=ttyS0 root=/dev/sda1 rootfstype=ext4\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().EndWith("kernel command line has root=/dev/sda1");
    }

    [Test]
    public async Task Arguments_that_merely_start_with_root_do_not_count()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/proc/cmdline", "rootfstype=tmpfs rootflags=size=1536m\n");

        (await Run(guest)).Passed.Should().BeTrue();
    }

    [Test]
    public async Task A_disk_behind_root_fails_and_shows_the_device()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/proc/self/mountinfo", "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().StartWith("/ is ext4 from '/dev/sda1' on 8:1");
    }
}
