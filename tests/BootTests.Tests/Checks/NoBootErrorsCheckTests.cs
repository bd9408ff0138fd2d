using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class NoBootErrorsCheckTests
{
    [Test]
    public async Task A_quiet_console_passes()
    {
        var result = await new NoBootErrorsCheck().RunAsync(GoodRamRootGuest.Create(), CheckTestContext.Quiet, CancellationToken.None);

        result.Passed.Should().BeTrue();
        result.Actual.Should().Be("none");
    }

    [Test]
    public async Task Console_warnings_fail_and_are_listed()
    {
        var context = CheckTestContext.WithWarnings("[    3.1] WARNING: CPU: 0 PID: 1 at foo", "[   12.0] systemd[1]: Failed to start bar.service");

        var result = await new NoBootErrorsCheck().RunAsync(GoodRamRootGuest.Create(), context, CancellationToken.None);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("[    3.1] WARNING: CPU: 0 PID: 1 at foo\n[   12.0] systemd[1]: Failed to start bar.service");
    }
}
