using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class FstabEmptyCheckTests
{
    private static Task<CheckResult> Run(FakeGuest guest) =>
        new FstabEmptyCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task Comments_and_blank_lines_pass()
    {
        (await Run(GoodRamRootGuest.Create())).Should().Be(new CheckResult("fstab-empty", true, "no entries in /etc/fstab", "no entries"));
    }

    [Test]
    public async Task A_missing_fstab_counts_as_empty()
    {
        var result = await Run(GoodRamRootGuest.Create().WithoutFile("/etc/fstab"));

        result.Passed.Should().BeTrue();
        result.Actual.Should().Be("no /etc/fstab");
    }

    [Test]
    public async Task A_mount_line_fails_and_is_quoted()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/etc/fstab", "# static\nUUID=1234 / ext4 errors=remount-ro 0 1\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("UUID=1234 / ext4 errors=remount-ro 0 1");
    }
}
