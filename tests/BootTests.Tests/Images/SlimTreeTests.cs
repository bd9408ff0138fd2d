using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Diff;
using BootTests.Images.Rootfs;

namespace BootTests.Tests.Images;

/// <summary>
/// The BusyBox recipe's tree, made by mmdebstrap with its merged-usr hook and dpkg path filters, lacks what those leave
/// out, keeps what they keep, and is still merged-/usr; the default recipe's tree, made without them, has all of it.
/// </summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class SlimTreeTests
{
    private Dictionary<string, CpioEntry> slim = null!;
    private Dictionary<string, CpioEntry> full = null!;
    private PackageList slimPackages = null!;
    private PackageList fullPackages = null!;

    [OneTimeSetUp]
    public async Task Build_both_trees()
    {
        var builder = new RootfsBuilder(CacheDirectory.Default(), BootedVm.Log);
        var slimTree = RootfsTree.ReadTar((await builder.BuildAsync(RecipeLoader.Load("debian-bookworm-busybox"), noCache: false, CancellationToken.None)).TarPath);
        var fullTree = RootfsTree.ReadTar((await builder.BuildAsync(DefaultImages.Recipe, noCache: false, CancellationToken.None)).TarPath);
        (slim, slimPackages) = (Index(slimTree), PackageList.Of(slimTree));
        (full, fullPackages) = (Index(fullTree), PackageList.Of(fullTree));
    }

    private static Dictionary<string, CpioEntry> Index(RootfsTree tree) => tree.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);

    private static List<string> FilesUnder(Dictionary<string, CpioEntry> tree, string folder) =>
        tree.Values.Where(e => e.Type == CpioEntryType.RegularFile && e.Path.StartsWith(folder + "/", StringComparison.Ordinal)).Select(e => e.Path).ToList();

    [TestCase("usr/share/man")]
    [TestCase("usr/share/locale")]
    public void The_excluded_folders_hold_no_files(string folder)
    {
        FilesUnder(slim, folder).Should().BeEmpty();
        FilesUnder(full, folder).Should().NotBeEmpty("without the filters dpkg installs them");
    }

    [Test]
    public void Of_the_documentation_only_the_copyright_files_are_kept()
    {
        var docs = FilesUnder(slim, "usr/share/doc");

        docs.Should().NotBeEmpty().And.OnlyContain(p => p.EndsWith("/copyright", StringComparison.Ordinal));
        docs.Should().Contain("usr/share/doc/dropbear-bin/copyright");
        FilesUnder(full, "usr/share/doc").Should().Contain(p => !p.EndsWith("/copyright", StringComparison.Ordinal));
    }

    [Test]
    public void The_merged_usr_hook_keeps_the_tree_merged_without_usrmerge_and_perl()
    {
        foreach (var link in new[] { "bin", "sbin", "lib" })
            slim[link].LinkTarget.Should().Be($"usr/{link}");
        slimPackages.Versions.Keys.Should().Contain("usr-is-merged").And.NotContain("usrmerge").And.NotContain("perl");
        fullPackages.Versions.Keys.Should().Contain("usrmerge").And.Contain("perl", "apt picks usrmerge for init-system-helpers without the hook");
    }
}
