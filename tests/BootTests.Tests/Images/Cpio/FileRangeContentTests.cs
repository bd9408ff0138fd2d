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

    [Test]
    public void A_negative_offset_is_rejected_naming_the_file()
    {
        Action create = () => _ = new FileRangeContent("/some/file", -1, 3);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'/some/file'*");
    }
}
