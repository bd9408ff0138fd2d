using BootTests.Images.Cpio;
using BootTests.Images.Payloads;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class FastPartitionTests
{
    [Test]
    public void Directories_links_and_devices_go_to_the_skeleton_and_files_to_the_parts()
    {
        var partition = FastPartition.Of([Dir("etc"), File("etc/a", 10), Symlink("etc/b", "a"), CharDevice("dev/null", 1, 3), File("etc/empty", 0)], 100);

        partition.Skeleton.Select(e => e.Path).Should().Equal("dev/null", "etc", "etc/b");
        partition.Parts.Should().ContainSingle().Which.Select(e => e.Path).Should().Equal("etc/a", "etc/empty");
    }

    [Test]
    public void The_skeleton_is_sorted_so_parents_come_before_children()
    {
        var partition = FastPartition.Of([Dir("usr/lib"), Dir("usr"), Dir("a"), Dir("usr/lib/x")], 100);

        partition.Skeleton.Select(e => e.Path).Should().Equal("a", "usr", "usr/lib", "usr/lib/x");
    }

    [Test]
    public void A_hard_link_lands_in_the_part_of_its_target_after_it()
    {
        // Parts of 100 bytes: a..e in the first part, f..j in the second.
        var files = "abcdefghij".Select(c => File($"d/{c}", 25)).ToList();
        List<CpioEntry> entries = [HardLink("d/0-link-to-h", "d/h"), HardLink("z/link-to-b", "d/b"), Dir("d"), .. files];

        var partition = FastPartition.Of(entries, 100);

        partition.Parts.Should().HaveCount(3);
        var withH = partition.Parts.Single(p => p.Any(e => e.Path == "d/h")).Select(e => e.Path).ToList();
        withH.Should().Contain("d/0-link-to-h");
        withH.IndexOf("d/0-link-to-h").Should().BeGreaterThan(withH.IndexOf("d/h"));
        var withB = partition.Parts.Single(p => p.Any(e => e.Path == "d/b")).Select(e => e.Path).ToList();
        withB.IndexOf("z/link-to-b").Should().BeGreaterThan(withB.IndexOf("d/b"));
        partition.Skeleton.Should().NotContain(e => e.HardLinkTo != null);
    }

    [Test]
    public void A_hard_link_to_nothing_in_the_tree_is_a_usage_error()
    {
        var act = () => FastPartition.Of([File("a", 1), HardLink("b", "missing")], 100);

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*'b'*'missing'*");
    }

    [Test]
    public void Parts_are_balanced_each_but_the_last_holding_at_least_the_part_size_and_less_than_one_more_file()
    {
        var random = new Random(42);
        var entries = Enumerable.Range(0, 500).Select(i => File($"f/{i:D4}", random.Next(0, 5000))).ToList();
        var total = entries.Sum(e => e.Content!.Length);
        const long partBytes = 20_000;

        var partition = FastPartition.Of(entries, partBytes);

        var sizes = partition.Parts.Select(p => p.Sum(e => e.Content?.Length ?? 0)).ToList();
        sizes.Sum().Should().Be(total);
        partition.Parts.Count.Should().BeInRange((int)(total / (partBytes + 5000)), (int)Math.Ceiling(total / (double)partBytes)).And.BeGreaterThan(10);
        foreach (var size in sizes.SkipLast(1))
            size.Should().BeInRange(partBytes, partBytes + 5000);
        sizes[^1].Should().BeInRange(1, partBytes + 5000);
        partition.Parts.SelectMany(p => p).Select(e => e.Path).Should().BeInAscendingOrder(StringComparer.Ordinal).And.HaveCount(500);
    }

    [Test]
    public void A_tree_without_files_has_only_a_skeleton()
    {
        FastPartition.Of([Dir("a"), Symlink("b", "a")], 100).Parts.Should().BeEmpty();
    }
}
