using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
public sealed class FileRangeContentTests
{
    [Test]
    public void Copying_a_range_writes_exactly_those_bytes_of_the_file()
    {
        using var temp = new TempDirectory();
        var source = temp.Combine("source");
        File.WriteAllBytes(source, Enumerable.Range(0, 3_000_000).Select(i => (byte)(i % 251)).ToArray());
        var content = new FileRangeContent(source, 1_000_001, 1_500_000);
        using var destination = new MemoryStream();

        content.CopyTo(destination);

        destination.ToArray().Should().Equal(Enumerable.Range(1_000_001, 1_500_000).Select(i => (byte)(i % 251)));
    }

    [TestCase(0L, 0L)]
    [TestCase(10L, 1L)]
    [TestCase(2_999_990L, 10L)]
    [TestCase(0L, 3_000_000L)]
    public void A_short_empty_or_whole_range_copies_its_bytes_on_its_own(long offset, long length)
    {
        using var temp = new TempDirectory();
        var source = temp.Combine("source");
        File.WriteAllBytes(source, Enumerable.Range(0, 3_000_000).Select(i => (byte)(i % 251)).ToArray());
        using var destination = new MemoryStream();

        new FileRangeContent(source, offset, length).CopyTo(destination);

        destination.ToArray().Should().Equal(Enumerable.Range((int)offset, (int)length).Select(i => (byte)(i % 251)));
    }

    [Test]
    public void A_range_past_the_end_of_its_file_fails_naming_the_file()
    {
        using var temp = new TempDirectory();
        var source = temp.Combine("source");
        File.WriteAllBytes(source, new byte[100]);

        var copy = () => new FileRangeContent(source, 50, 100).CopyTo(Stream.Null);

        copy.Should().Throw<EndOfStreamException>().WithMessage($"'{source}' ended at byte 100*");
    }

    [Test]
    public void A_negative_offset_is_rejected_naming_the_file()
    {
        Action create = () => _ = new FileRangeContent("/some/file", -1, 3);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'/some/file'*");
    }
}
