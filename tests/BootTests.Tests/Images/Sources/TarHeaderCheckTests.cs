using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>The header walk finds what System.Formats.Tar and GNU tar let through: a tar cut at an entry boundary, a header with a wrong checksum.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class TarHeaderCheckTests
{
    private ScratchDirectory scratch = null!;
    private string whole = null!;

    [SetUp]
    public void Create()
    {
        scratch = new ScratchDirectory("boottests-tarcheck-");
        whole = new SmallTar().Dir("etc").RandomFile("etc/a", 3000, 1).RandomFile("etc/b", 700, 2).File("etc/c").WriteTo(scratch.Combine("whole.tar"));
    }

    [TearDown]
    public void Delete() => scratch.Dispose();

    [Test]
    public void A_whole_tar_passes() => TarHeaderCheck.Problem(whole).Should().BeNull();

    [Test]
    public void A_tar_cut_at_an_entry_boundary_is_truncated()
    {
        // dir header, a's header and 6 data blocks, b's header: the cut lands just before b's data.
        var cut = FaultInputs.Truncated(whole, 512 + 512 + 3072 + 512 + 1024, scratch.Combine("cut.tar"));

        TarHeaderCheck.Problem(cut).Should().StartWith("truncated:");
    }

    [Test]
    public void A_tar_cut_after_its_last_member_without_the_end_blocks_is_truncated()
    {
        var cut = FaultInputs.Truncated(whole, 512 + 512 + 3072 + 512 + 1024 + 512 + 512, scratch.Combine("cut.tar"));

        TarHeaderCheck.Problem(cut).Should().StartWith("truncated:").And.Contain("without the end-of-archive blocks");
    }

    [Test]
    public void A_header_with_a_changed_name_byte_has_a_wrong_checksum()
    {
        var bad = scratch.Combine("bad.tar");
        File.Copy(whole, bad);
        var bytes = File.ReadAllBytes(bad);
        bytes[512 + 5] ^= 0x20;
        File.WriteAllBytes(bad, bytes);

        TarHeaderCheck.Problem(bad).Should().StartWith("corrupt: the tar header at byte 512").And.Contain("wrong checksum");
    }

    [TestCase(0, "it is empty")]
    [TestCase(100, "shorter than one tar header")]
    public void A_file_too_short_for_a_header_is_not_a_tar(int bytes, string expected)
    {
        var path = scratch.Combine("short.tar");
        File.WriteAllBytes(path, new byte[bytes]);

        TarHeaderCheck.Problem(path).Should().Contain(expected);
    }

    [Test]
    public void Random_bytes_are_not_a_tar()
    {
        var path = scratch.Combine("random.tar");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        TarHeaderCheck.Problem(path).Should().Be("it is not a tar archive (the first 512 bytes are not a valid tar header)");
    }
}
