using BootTests.Images;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class ByteSizeTests
{
    [TestCase("1048576", 1048576L)]
    [TestCase("1500m", 1500L << 20)]
    [TestCase("1500M", 1500L << 20)]
    [TestCase("2G", 2L << 30)]
    [TestCase("2g", 2L << 30)]
    [TestCase("512MiB", 512L << 20)]
    [TestCase("512MB", 512L << 20)]
    [TestCase("4k", 4096L)]
    [TestCase("1T", 1L << 40)]
    [TestCase("100b", 100L)]
    [TestCase(" 2G ", 2L << 30)]
    [TestCase("2 G", 2L << 30)]
    public void A_size_with_a_binary_unit_parses_to_bytes(string text, long bytes)
    {
        ByteSize.TryParse(text).Should().Be(new ByteSize(bytes));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("0")]
    [TestCase("0G")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase("10XB")]
    [TestCase("1.5G")]
    [TestCase("G")]
    [TestCase("2GiBs")]
    [TestCase("auto")]
    [TestCase("99999999999999T")]
    [TestCase("99999999999999999999")]
    public void Anything_but_a_positive_size_is_not_a_size(string? text)
    {
        ByteSize.TryParse(text).Should().BeNull();
    }

    [Test]
    public void A_whole_number_of_MiB_prints_as_M_for_tmpfs_and_QEMU()
    {
        ByteSize.FromMiB(1536).ToOption().Should().Be("1536M");
        ByteSize.FromMiB(1536).ToString().Should().Be("1536 MiB");
        ByteSize.FromMiB(1536).MiB.Should().Be(1536);
    }

    [Test]
    public void A_size_that_is_not_whole_MiB_prints_in_bytes()
    {
        new ByteSize(4096).ToOption().Should().Be("4096");
        new ByteSize(4096).ToString().Should().Be("4096 bytes");
    }
}
