using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Fixups;
using BootTests.Images.Kernels;
using BootTests.Images.Rootfs;

namespace BootTests.Tests.Images;

/// <summary>Trimming a real kernel's modules (the default rootfs's) keeps what modprobe would load, and depmod's new index knows only those.</summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class KernelModulesTests
{
    private RootfsArtifact rootfs = null!;
    private ScratchDirectory scratch = null!;

    [OneTimeSetUp]
    public async Task Take_the_default_rootfs()
    {
        rootfs = await new RootfsBuilder(CacheDirectory.Default(), BootedVm.Log).BuildAsync(DefaultImages.Recipe, noCache: false, CancellationToken.None);
        scratch = new ScratchDirectory("boottests-modules-");
    }

    [OneTimeTearDown]
    public void Delete() => scratch.Dispose();

    private MutableTree Tree() => new(RootfsTree.ReadTar(rootfs.TarPath).Entries);

    private string Folder => $"usr/lib/modules/{rootfs.KernelVersion}";

    [Test]
    public void The_closure_of_the_default_recipe_s_modules_is_what_its_hook_kept_with_modprobe()
    {
        var tree = Tree();
        var index = KernelModules.IndexOf(tree, rootfs.KernelVersion)!;

        var kept = DefaultImages.Recipe.KernelModules.SelectMany(index.Closure).ToHashSet();

        kept.Should().BeEquivalentTo(tree.Under(Folder).Where(e => e.Path.EndsWith(".ko", StringComparison.Ordinal)).Select(e => e.Path[(Folder.Length + 1)..]));
    }

    [Test]
    public async Task Trimming_to_one_module_keeps_its_dependencies_and_depmod_indexes_only_them()
    {
        var tree = Tree();

        var outcome = await KernelModules.TrimAsync(tree, rootfs.KernelVersion, ["virtio_net"], scratch.Path, rootfs.SourceDateEpoch, "r.json", CancellationToken.None);

        outcome.Should().Match<FixupOutcome>(o => o.Result == FixupOutcome.Done && o.Detail.StartsWith("kept 5 of 9 modules", StringComparison.Ordinal));
        var dep = tree.ReadText($"{Folder}/modules.dep")!;
        dep.Should().Contain("kernel/drivers/net/virtio_net.ko:").And.NotContain("e1000").And.NotContain("virtio_pci.ko");
        tree.Get($"{Folder}/kernel/drivers/net/ethernet").Should().BeNull("emptied folders go too");
        tree.Get($"{Folder}/modules.order").Should().NotBeNull("depmod's inputs stay");
        Directory.GetFileSystemEntries(scratch.Path).Should().BeEmpty("depmod's copy is deleted");
    }

    [Test]
    public async Task A_module_the_kernel_does_not_have_is_a_usage_error_naming_it()
    {
        var act = () => KernelModules.TrimAsync(Tree(), rootfs.KernelVersion, ["virtio_net", "no_such_driver"], scratch.Path, 0, "r.json", CancellationToken.None);

        (await act.Should().ThrowAsync<BootTestsException>()).Which.Message.Should().Be(
            $"Recipe r.json: kernelModules names 'no_such_driver', which kernel {rootfs.KernelVersion} does not have (not in /{Folder}/modules.dep nor modules.builtin); remove it, or give a kernel that has it.");
    }

    [Test]
    public async Task The_default_image_s_tree_is_its_mmdebstrap_tree_and_its_overlay_every_fix_up_was_done_by_the_hook()
    {
        var image = await DefaultImages.GetAsync(ImageLayout.Fast);

        image.Manifest.Fixups.Should().OnlyContain(f => f.Result != FixupOutcome.Done, "customize-rootfs.sh did them all inside mmdebstrap");
        var packed = BootTests.Images.Diff.TreeListing.Read(Path.Combine(image.Folder, BootTests.Images.Diff.TreeListing.FileName));
        // Besides the hook's tree only the recipe's overlay: the units a RAM root never needs, masked.
        var overlay = DefaultImages.Recipe.Overlay.Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        packed.Where(e => !overlay.Contains(e.Path)).Should().Equal(BootTests.Images.Diff.TreeListing.Of(RootfsTree.ReadTar(rootfs.TarPath)));
        packed.Where(e => overlay.Contains(e.Path)).Should().HaveCount(overlay.Count).And.OnlyContain(e => e.Type == "link" && e.Content == "-> /dev/null");
        image.Manifest.Warnings.Should().BeEmpty();
    }
}
