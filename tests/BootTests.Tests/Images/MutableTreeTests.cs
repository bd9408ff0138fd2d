using BootTests.Images;
using BootTests.Images.Cpio;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MutableTreeTests
{
    [Test]
    public void Removing_a_hard_linked_file_hands_its_content_to_the_first_link_and_the_others_follow_it()
    {
        var tree = new MutableTree([Dir("d"), Text("d/a", "data"), HardLink("d/b", "d/a"), HardLink("d/c", "d/a")]);

        tree.Remove("d/a");

        var packed = tree.ToTree();
        packed.Get("d/b")!.HardLinkTo.Should().BeNull();
        packed.ReadText("d/b").Should().Be("data");
        packed.Get("d/c")!.HardLinkTo.Should().Be("d/b");
        packed.ReadText("d/c").Should().Be("data");
    }

    [Test]
    public void A_folder_over_a_folder_keeps_its_children_and_a_file_over_a_folder_does_not()
    {
        var tree = new MutableTree([Dir("d"), Text("d/a", "x")]);

        tree.Put(Dir("d") with { Permissions = Convert.ToInt32("700", 8) });
        tree.Contains("d/a").Should().BeTrue();
        tree.Put(Text("d", "file"));
        tree.Contains("d/a").Should().BeFalse();
        tree.Get("d")!.Type.Should().Be(CpioEntryType.RegularFile);
    }

    [Test]
    public void Entries_come_parents_first()
    {
        var tree = new MutableTree([Text("a-b", "x"), Dir("a"), Text("a/b", "y")]);

        tree.Entries().Select(e => e.Path).Should().Equal("a", "a/b", "a-b");
    }
}
