using System.Security.Cryptography;
using System.Text;
using BootTests.Images;
using BootTests.Images.Diff;

namespace BootTests.Tests.Images.Diff;

/// <summary>tree.tsv's digests: the first 16 hex digits of each file's SHA-256, read straight from the tar the tree came from.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class TreeListingTests
{
    [Test]
    public void Every_file_is_listed_with_its_own_content_digest_and_a_hard_link_with_its_targets()
    {
        using var temp = new TempDirectory();
        var big = new byte[3_000_000];
        new Random(7).NextBytes(big);
        var tar = new SmallTar()
            .Dir("etc").File("etc/hostname", "debian\n").File("etc/empty", "")
            .Dir("usr").RandomFile("usr/big", big.Length, seed: 7).HardLink("usr/big-again", "usr/big")
            .Symlink("usr/link", "big").CharDevice("usr/null", 1, 3)
            .WriteTo(temp.Combine("tree.tar"));

        var listing = TreeListing.Of(RootfsTree.ReadTar(tar)).ToDictionary(e => e.Path);

        listing["etc/hostname"].Content.Should().Be(Digest(Encoding.UTF8.GetBytes("debian\n")));
        listing["etc/empty"].Content.Should().Be(Digest([]));
        listing["usr/big"].Should().Match<ListedEntry>(e => e.Content == Digest(big) && e.Size == big.Length && e.Type == "file");
        listing["usr/big-again"].Content.Should().Be(Digest(big));
        listing["usr/link"].Content.Should().Be("-> big");
        listing["usr/null"].Content.Should().Be("1,3");
    }

    private static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
