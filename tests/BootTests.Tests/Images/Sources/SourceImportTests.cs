using System.Diagnostics;
using BootTests.Images;
using BootTests.Images.Diff;
using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>
/// Each source kind read from real inputs made here (a tarball, its .tar.zst, its folder, an OCI layout, its docker-archive
/// and oci-archive) into a cache of the fixture's own, so every run reads them for real: the forms of one tree read to the
/// same tree, the OCI image to what umoci unpacks, and a second read comes from the cache.
/// </summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class SourceImportTests
{
    private ScratchDirectory scratch = null!;
    private CacheDirectory cache = null!;

    [OneTimeSetUp]
    public void Create_a_cache()
    {
        scratch = new ScratchDirectory("boottests-import-");
        cache = new CacheDirectory(scratch.Combine("cache"));
    }

    [OneTimeTearDown]
    public void Delete_it() => scratch.Dispose();

    private Task<ImportedSource> ImportAsync(object rootfs, string name, bool noCache = false) =>
        new SourceImporter(cache, BootedVm.Log).ImportAsync(ImportRecipes.Write(scratch.Path, name, rootfs), new SourceOptions(noCache), CancellationToken.None);

    private static IReadOnlyList<ListedEntry> Listing(ImportedSource source) => TreeListing.Of(RootfsTree.ReadTar(source.TarPath));

    [Test]
    public async Task A_tarball_its_zstd_form_and_its_folder_read_to_the_same_tree()
    {
        var tar = await ImportAsync(ImportRecipes.Tar(await ImportInputs.DistroTarAsync()), "tar");
        var zst = await ImportAsync(ImportRecipes.Tar(await ImportInputs.DistroTarZstAsync()), "zst");
        var dir = await ImportAsync(ImportRecipes.Dir(await ImportInputs.DistroFolderAsync()), "dir");

        Listing(zst).Should().Equal(Listing(tar));
        Listing(dir).Should().Equal(Listing(tar), "GNU tar reads the folder with owners, modes, links and devices as the tarball has them");
        tar.Info.Digest.Should().Be("sha256:" + await ContentHash.OfFileAsync(await ImportInputs.DistroTarAsync()));
        zst.Info.Details["compression"].Should().Be("zstd");
        dir.Info.Digest.Should().Be("sha256:" + await ContentHash.OfFileAsync(dir.TarPath), "a folder's digest is its tree's");
        Listing(tar).Should().Contain(e => e.Path == "dev/console" && e.Type == "char" && e.Content == "5,1");
        Listing(tar).Should().Contain(e => e.Path == "etc/shadow" && e.Owner == "0:42");
    }

    [Test]
    public async Task A_second_read_of_a_source_comes_from_the_cache_in_about_the_time_it_takes_to_hash_it()
    {
        var path = await ImportInputs.DistroTarAsync();
        await ImportAsync(ImportRecipes.Tar(path), "first");

        var clock = Stopwatch.StartNew();
        var again = await ImportAsync(ImportRecipes.Tar(path), "again");

        again.FromCache.Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        var fresh = await ImportAsync(ImportRecipes.Tar(path), "fresh", noCache: true);
        fresh.FromCache.Should().BeFalse();
        (await ContentHash.OfFileAsync(fresh.TarPath)).Should().Be(await ContentHash.OfFileAsync(again.TarPath), "reading the same source again gives the same bytes");
    }

    [Test]
    public async Task An_oci_layout_reads_to_the_tree_umoci_unpacks_with_the_whiteout_and_the_opaque_folder_applied()
    {
        var layout = await ImportInputs.OciLayoutAsync();
        var ours = await ImportAsync(ImportRecipes.Oci($"oci:{layout}:v2"), "oci");

        var bundle = scratch.Combine("bundle");
        await ImportInputs.RunAsync("umoci", ["unpack", "--image", $"{layout}:v2", bundle]);
        var unpacked = scratch.Combine("umoci.tar");
        await ImportInputs.RunAsync("tar", ["--create", "--file", unpacked, "--directory", Path.Combine(bundle, "rootfs"), "--numeric-owner", "."]);
        var theirs = TreeListing.Of(new RootfsTree(TreeReader.Read(unpacked, "umoci's bundle").Entries));

        Listing(ours).Should().Equal(theirs);
        var fixture = Listing(ours).Where(e => e.Path.StartsWith(DistroTree.Fixture + "/", StringComparison.Ordinal)).Select(e => e.Path);
        fixture.Should().Equal($"{DistroTree.Fixture}/olddir", $"{DistroTree.Fixture}/olddir/new");
        ours.Info.Details.Should().Contain("layers", "2").And.Contain("architecture", "amd64").And.Contain("cmd", "[\"/bin/bash\"]");
        ours.Info.Digest.Should().StartWith("sha256:");
    }

    [Test]
    public async Task A_docker_archive_and_an_oci_archive_of_the_image_read_to_the_same_tree_as_its_layout()
    {
        var layout = await ImportInputs.OciLayoutAsync();
        var ociArchive = scratch.Combine("image.oci-archive.tar");
        await ImportInputs.RunAsync("skopeo", ["copy", "--quiet", $"oci:{layout}:v2", $"oci-archive:{ociArchive}:v2"]);

        var fromLayout = await ImportAsync(ImportRecipes.Oci($"oci:{layout}:v2"), "layout");
        var fromDocker = await ImportAsync(ImportRecipes.Oci($"docker-archive:{await ImportInputs.DockerArchiveAsync()}"), "docker");
        var fromOciArchive = await ImportAsync(ImportRecipes.Oci($"oci-archive:{ociArchive}"), "oci-archive");

        Listing(fromDocker).Should().Equal(Listing(fromLayout));
        Listing(fromOciArchive).Should().Equal(Listing(fromLayout));
        fromOciArchive.Info.Digest.Should().Be(fromLayout.Info.Digest, "an oci-archive is the layout in a tar: same manifest");
    }

    [Test]
    public async Task Source_json_records_the_kind_the_reference_and_the_digest()
    {
        var path = await ImportInputs.ContainerTarAsync();
        var source = await ImportAsync(ImportRecipes.Tar(path), "container");

        var recorded = System.Text.Json.JsonSerializer.Deserialize<SourceInfo>(File.ReadAllText(Path.Combine(source.Folder, "source.json")), RecipeLoader.Json)!;
        recorded.Kind.Should().Be("tar");
        recorded.Reference.Should().Be(path);
        recorded.Digest.Should().Be("sha256:" + await ContentHash.OfFileAsync(path));
        recorded.Entries.Should().Be(TreeListing.Of(RootfsTree.ReadTar(source.TarPath)).Count);
        Directory.GetFileSystemEntries(cache.SourcesFolder).Should().NotContain(e => Path.GetFileName(e).StartsWith(".tmp-", StringComparison.Ordinal));
    }
}
