using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MemoryBisectionTests
{
    private static Func<int, Task<bool>> BootsFrom(int threshold, List<int>? calls = null) => mib =>
    {
        calls?.Add(mib);
        return Task.FromResult(mib >= threshold);
    };

    [TestCase(448)]
    [TestCase(129)]
    [TestCase(1000)]
    [TestCase(2048)]
    public async Task The_answer_passes_and_lies_within_one_step_above_the_threshold(int threshold)
    {
        var result = await MemoryBisection.FindSmallestAsync(BootsFrom(threshold), 128, 2048, 32);

        result.SmallestPassingMiB.Should().NotBeNull();
        result.SmallestPassingMiB!.Value.Should().BeInRange(threshold, threshold + 31);
        result.Attempts.Should().Contain(new MemoryAttempt(result.SmallestPassingMiB.Value, true));
    }

    [Test]
    public async Task A_threshold_on_the_step_grid_is_found_exactly_with_the_failure_one_step_below()
    {
        var result = await MemoryBisection.FindSmallestAsync(BootsFrom(448), 128, 2048, 32);

        result.SmallestPassingMiB.Should().Be(448);
        result.LargestFailingMiB.Should().Be(416);
    }

    [Test]
    public async Task When_everything_boots_the_answer_is_the_low_value_and_nothing_below_it_is_tried()
    {
        var calls = new List<int>();

        var result = await MemoryBisection.FindSmallestAsync(BootsFrom(0, calls), 128, 2048, 32);

        result.SmallestPassingMiB.Should().Be(128);
        result.LargestFailingMiB.Should().BeNull();
        calls.Should().OnlyContain(mib => mib >= 128);
    }

    [Test]
    public async Task When_the_high_value_fails_that_is_reported_after_one_attempt()
    {
        var calls = new List<int>();

        var result = await MemoryBisection.FindSmallestAsync(BootsFrom(4096, calls), 128, 2048, 32);

        result.HighFailed.Should().BeTrue();
        result.SmallestPassingMiB.Should().BeNull();
        result.LargestFailingMiB.Should().Be(2048);
        calls.Should().Equal(2048);
    }

    [TestCase(128, 2048, 32)]
    [TestCase(128, 65536, 32)]
    [TestCase(128, 4096, 1)]
    public async Task The_number_of_boots_grows_with_the_logarithm_of_the_range(int low, int high, int step)
    {
        var calls = new List<int>();

        await MemoryBisection.FindSmallestAsync(BootsFrom(low + (high - low) / 3, calls), low, high, step);

        var bound = 2 + (int)Math.Ceiling(Math.Log2((high - low) / (double)step + 1));
        calls.Count.Should().BeLessThanOrEqualTo(bound);
    }

    [Test]
    public async Task Low_equal_to_high_tries_only_that_value()
    {
        var calls = new List<int>();

        var result = await MemoryBisection.FindSmallestAsync(BootsFrom(0, calls), 512, 512, 32);

        result.SmallestPassingMiB.Should().Be(512);
        calls.Should().Equal(512);
    }

    [Test]
    public async Task A_step_below_one_is_refused()
    {
        var act = () => MemoryBisection.FindSmallestAsync(BootsFrom(0), 128, 2048, 0);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
