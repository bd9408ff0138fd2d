using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class GettyNoclearCheckTests
{
    private static Task<CheckResult> Run(FakeGuest guest) =>
        new GettyNoclearCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task The_drop_in_in_effect_passes_and_is_named()
    {
        var result = await Run(GoodRamRootGuest.Create());

        result.Passed.Should().BeTrue();
        result.Actual.Should().Be("TTYVTDisallocate=no; drop-ins: noclear.conf");
    }

    [Test]
    public async Task A_missing_drop_in_fails_and_says_what_systemd_prints()
    {
        var guest = GoodRamRootGuest.Create()
            .WithoutFile("/etc/systemd/system/getty@.service.d/noclear.conf")
            .WithCommand("systemctl show -p TTYVTDisallocate getty@tty1.service", "TTYVTDisallocate=yes\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("TTYVTDisallocate=yes; /etc/systemd/system/getty@.service.d/ missing");
    }
}
