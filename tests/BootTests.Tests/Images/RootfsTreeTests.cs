using BootTests.Images;
using BootTests.Images.Cpio;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class RootfsTreeTests
{
    private static readonly RootfsTree Tree = new(MergedUsr());

    [TestCase("sbin/init")]
    [TestCase("/sbin/init")]
    [TestCase("lib/systemd/systemd")]
    [TestCase("usr/sbin/init")]
    public void Sbin_init_resolves_through_the_merged_usr_links_to_systemd(string path)
    {
        Tree.Resolve(path).Should().Be("usr/lib/systemd/systemd");
        Tree.IsExecutableFile(path).Should().BeTrue();
    }

    [Test]
    public void A_relative_symlink_resolves_from_its_own_directory()
    {
        Tree.Resolve("usr/sbin/init").Should().Be("usr/lib/systemd/systemd");
    }

    [Test]
    public void An_absolute_symlink_resolves_from_the_tree_root_not_the_host_root()
    {
        Tree.Resolve("etc/alternatives/systemd/systemd").Should().Be("usr/lib/systemd/systemd");
    }

    [Test]
    public void The_last_link_is_kept_when_not_following_it()
    {
        Tree.Resolve("sbin/init", followLast: false).Should().Be("usr/sbin/init");
    }

    [Test]
    public void Dot_dot_above_the_root_stays_at_the_root()
    {
        Tree.Resolve("../../etc/hostname").Should().Be("etc/hostname");
    }

    [TestCase("etc/missing")]
    [TestCase("etc/dangling")]
    [TestCase("etc/loop-a")]
    public void A_missing_dangling_or_looping_path_resolves_to_nothing(string path)
    {
        Tree.Resolve(path).Should().BeNull();
    }

    [Test]
    public void A_file_without_execute_bits_is_not_an_executable_file()
    {
        Tree.IsExecutableFile("etc/hostname").Should().BeFalse();
        Tree.IsExecutableFile("usr/lib").Should().BeFalse();
    }

    [Test]
    public void A_tree_without_init_has_no_executable_sbin_init()
    {
        var tree = new RootfsTree(MergedUsr().Where(e => e.Path != "usr/lib/systemd/systemd").ToList());

        tree.IsExecutableFile("sbin/init").Should().BeFalse();
    }

    [Test]
    public void Content_bytes_count_each_hard_linked_file_once_and_the_tmpfs_footprint_rounds_to_pages()
    {
        var tree = new RootfsTree([Dir("d"), File("d/a", 5000), HardLink("d/b", "d/a"), Symlink("d/c", "a"), File("d/e", 0)]);

        tree.ContentBytes.Should().Be(5000);
        tree.TmpfsFootprintBytes.Should().Be(4096 + 8192 + 4096);
    }

    [Test]
    public void An_overlay_adds_files_with_their_parent_directories()
    {
        var overlay = new OverlayFile { Path = "etc/new/dir/file", Content = "x", Mode = "0600" };

        var tree = Tree.WithOverlay([overlay], Mtime);

        var added = tree.Entries.Single(e => e.Path == "etc/new/dir/file");
        added.Permissions.Should().Be(Convert.ToInt32("600", 8));
        added.Content!.Length.Should().Be(1);
        tree.Entries.Should().Contain(e => e.Path == "etc/new" && e.Type == CpioEntryType.Directory);
        tree.Entries.Should().Contain(e => e.Path == "etc/new/dir" && e.Type == CpioEntryType.Directory);
    }

    [Test]
    public void An_overlay_over_a_path_through_a_symbolic_link_is_refused_naming_the_real_path()
    {
        var overlay = new OverlayFile { Path = "sbin/init", Content = "x" };

        var act = () => Tree.WithOverlay([overlay], Mtime);

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*symbolic link*'usr/sbin/init'*");
    }

    [Test]
    public void An_overlay_under_a_symbolic_link_directory_is_refused()
    {
        var overlay = new OverlayFile { Path = "sbin/other", Content = "x" };

        var act = () => Tree.WithOverlay([overlay], Mtime);

        act.Should().Throw<BootTestsException>().Where(e => e.ExitCode == ExitCode.Usage).WithMessage("*'sbin'*");
    }
}
