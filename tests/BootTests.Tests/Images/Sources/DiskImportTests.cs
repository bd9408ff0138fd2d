using BootTests.Images;
using BootTests.Images.Diff;
using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>
/// Disks read with libguestfs: the LVM + XFS disk (root on a logical volume, /boot on its own ext4 partition, mounted
/// as the disk's fstab says) read into a cache of the test's own, so every run reads it for real; the ext4-on-GPT disk
/// the boot tests use. Each read is one guestfish process.
/// </summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class DiskImportTests
{
    private ScratchDirectory scratch = null!;

    [OneTimeSetUp]
    public void Create_a_folder() => scratch = new ScratchDirectory("boottests-disk-import-");

    [OneTimeTearDown]
    public void Delete_it() => scratch.Dispose();

    private static Dictionary<string, ListedEntry> Listing(string tar) => TreeListing.Of(RootfsTree.ReadTar(tar)).ToDictionary(e => e.Path);

    [Test]
    public async Task An_lvm_disk_with_an_xfs_root_and_a_boot_partition_reads_to_the_distribution_tree()
    {
        var disk = await ImportInputs.LvmXfsDiskAsync();
        var cache = new CacheDirectory(scratch.Combine("cache"));
        var recipe = ImportRecipes.Write(scratch.Path, "lvm-xfs", ImportRecipes.Disk(disk));

        var source = await new SourceImporter(cache, BootedVm.Log).ImportAsync(recipe, new SourceOptions(Guestfs: await ImportInputs.GuestfsAsync()), CancellationToken.None);

        var read = Listing(source.TarPath);
        var expected = Listing(await ImportInputs.DistroTarAsync());
        read.Keys.Except(expected.Keys).Should().Equal("boot/marker-on-boot-partition");
        expected.Keys.Except(read.Keys).Should().BeEmpty("lost+found of both filesystems is left out and nothing is missing");
        var differing = expected.Values.Where(e => e.ChangeFrom(read[e.Path]) is not null && e.Type == "file").Select(e => e.Path);
        differing.Should().Equal("etc/fstab");
        source.Info.Details["format"].Should().Be("qcow2");
        source.Info.XattrExamples.Should().NotContain(x => x.Contains("SGI_ACL", StringComparison.Ordinal), "XFS's second copy of the ACLs is not worth a warning");
        source.Info.Digest.Should().Be("sha256:" + await ContentHash.OfFileAsync(disk));
    }

    [Test]
    public async Task An_ext4_disk_on_gpt_reads_to_the_distribution_tree_and_once_read_comes_from_the_cache()
    {
        var disk = await ImportInputs.Ext4DiskAsync();
        var recipe = ImportRecipes.Write(scratch.Path, "ext4", ImportRecipes.Disk(disk));
        var importer = new SourceImporter(CacheDirectory.Default(), BootedVm.Log);
        var options = new SourceOptions(Guestfs: await ImportInputs.GuestfsAsync());

        var source = await importer.ImportAsync(recipe, options, CancellationToken.None);
        var again = await importer.ImportAsync(recipe, options, CancellationToken.None);

        again.FromCache.Should().BeTrue();
        var read = Listing(source.TarPath);
        var expected = Listing(await ImportInputs.DistroTarAsync());
        read.Keys.Should().BeEquivalentTo(expected.Keys);
        expected.Values.Where(e => e.ChangeFrom(read[e.Path]) is not null).Select(e => e.Path).Should().BeEmpty("mkfs.ext4 -d keeps owners, modes, links and devices, and tar-out gives them back");
    }
}
