using BootTests.Guest;

namespace BootTests.Tests.Guest;

[TestFixture]
[Category(Categories.Unit)]
public sealed class RetryBackoffTests
{
    [Test]
    public void The_retry_pauses_start_small_and_grow_to_half_a_second()
    {
        var backoff = RetryBackoff.ForSshReadiness();

        var pauses = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        pauses.Should().Equal(50, 75, 112.5, 168.75, 253.125, 379.6875, 500, 500);
    }
}
