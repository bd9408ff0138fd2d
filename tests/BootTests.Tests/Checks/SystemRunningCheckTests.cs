using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class SystemRunningCheckTests
{
    private const string IsRunning = "timeout 60 systemctl is-system-running --wait";

    private static Task<CheckResult> Run(FakeGuest guest) =>
        new SystemRunningCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task A_running_system_passes()
    {
        (await Run(GoodRamRootGuest.Create())).Should().Be(new CheckResult("system-running", true, "running", "running"));
    }

    [Test]
    public async Task A_degraded_system_fails_and_names_the_failed_units()
    {
        var guest = GoodRamRootGuest.Create()
            .WithCommand(IsRunning, "degraded\n", exitStatus: 1)
            .WithCommand("systemctl --failed --plain --no-legend",
                "systemd-networkd-wait-online.service loaded failed failed Wait for Network to be Configured\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("degraded; failed units: systemd-networkd-wait-online.service; pending jobs: none");
    }

    [Test]
    public async Task A_system_still_starting_when_the_wait_runs_out_says_so()
    {
        var guest = GoodRamRootGuest.Create().WithCommand(IsRunning, "starting\n", exitStatus: 124);

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Be("starting (not settled after 60 s); failed units: none; pending jobs: none");
    }
}
