using BootTests.Images;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class TmpfsSizingTests
{
    // 100 MiB of file data in 4 KiB pages, plus a page for the directory.
    private static readonly RootfsTree Tree = new([Dir("d"), .. Enumerable.Range(0, 100).Select(i => File($"d/f{i}", 1 << 20))]);

    private static Recipe RecipeWith(string tmpfsSize) => RecipeLoader.LoadEmbedded("debian-bookworm") with { TmpfsSize = tmpfsSize, Source = "test.json" };

    [Test]
    public void Auto_is_the_footprint_plus_a_tenth_plus_256_MiB_rounded_up_to_64_MiB()
    {
        var footprint = Tree.TmpfsFootprintBytes;
        footprint.Should().Be((100L << 20) + 4096);

        var size = TmpfsSizing.Choose(RecipeWith("auto"), Tree, allowSmaller: false);

        // 100 MiB + 10 MiB + 256 MiB + a little = just over 366 MiB -> 384 MiB.
        size.Should().Be(ByteSize.FromMiB(384));
        size.Bytes.Should().BeGreaterThanOrEqualTo(footprint + footprint / 10 + (256L << 20));
        (size.Bytes % (64L << 20)).Should().Be(0);
    }

    [Test]
    public void An_explicit_size_large_enough_is_taken_as_written()
    {
        TmpfsSizing.Choose(RecipeWith("1500m"), Tree, allowSmaller: false).Should().Be(ByteSize.FromMiB(1500));
    }

    [Test]
    public void An_explicit_size_smaller_than_the_rootfs_is_a_usage_error_naming_both_sizes()
    {
        var act = () => TmpfsSizing.Choose(RecipeWith("50m"), Tree, allowSmaller: false);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Message.Should().Contain("50m (50 MiB)").And.Contain("101 MiB").And.Contain("test.json");
    }

    [Test]
    public void A_fault_test_may_pack_a_tmpfs_smaller_than_the_rootfs()
    {
        TmpfsSizing.Choose(RecipeWith("50m"), Tree, allowSmaller: true).Should().Be(ByteSize.FromMiB(50));
    }
}
