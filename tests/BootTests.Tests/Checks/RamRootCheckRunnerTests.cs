using BootTests.Checks;
using BootTests.Guest;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class RamRootCheckRunnerTests
{
    [Test]
    public async Task A_good_guest_passes_every_check_in_the_fixed_order()
    {
        var results = await RamRootCheckRunner.RunAllAsync(GoodRamRootGuest.Create(), CheckTestContext.Quiet);

        results.Select(r => r.Name).Should().Equal(
            "root-is-tmpfs", "selinux-disabled", "fstab-empty", "getty-noclear", "dev-is-devtmpfs", "no-block-root", "system-running", "no-boot-errors");
        results.Should().OnlyContain(r => r.Passed, "the canned good guest is correct: {0}", string.Join("\n", results));
    }

    [Test]
    public async Task A_check_that_throws_becomes_a_failed_result_and_the_rest_still_run()
    {
        var checks = new IRamRootCheck[] { new ThrowingCheck(), new FstabEmptyCheck() };

        var results = await RamRootCheckRunner.RunAllAsync(GoodRamRootGuest.Create(), CheckTestContext.Quiet, CancellationToken.None, checks);

        results.Should().HaveCount(2);
        results[0].Should().Match<CheckResult>(r => r.Name == "throws" && !r.Passed && r.Actual == "IOException: connection lost");
        results[1].Passed.Should().BeTrue();
    }

    [Test]
    public async Task Cancelling_the_run_is_not_reported_as_a_failed_check()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = () => RamRootCheckRunner.RunAllAsync(GoodRamRootGuest.Create(), CheckTestContext.Quiet, cancelled.Token, [new CancellableCheck()]);

        await run.Should().ThrowAsync<OperationCanceledException>();
    }

    private sealed class ThrowingCheck : IRamRootCheck
    {
        public string Name => "throws";

        public Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct) =>
            throw new IOException("connection lost");
    }

    private sealed class CancellableCheck : IRamRootCheck
    {
        public string Name => "cancellable";

        public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
        {
            await Task.Delay(1000, ct);
            return new CheckResult(Name, true, "", "");
        }
    }
}
