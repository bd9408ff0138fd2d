using System.Diagnostics;
using BootTests.Images;
using BootTests.Images.Payloads;
using BootTests.Images.Rootfs;

namespace BootTests.Tests.Images;

/// <summary>The same rootfs gives the same bytes every time, and a finished build is reused from the cache.</summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class ImageDeterminismTests
{
    private RootfsArtifact rootfs = null!;
    private RootfsTree tree = null!;
    private ScratchDirectory? scratch;

    [OneTimeSetUp]
    public async Task ReadTheCachedRootfs()
    {
        var recipe = DefaultImages.Recipe;
        rootfs = await new RootfsBuilder(CacheDirectory.Default()).BuildAsync(recipe, noCache: false, CancellationToken.None);
        tree = RootfsTree.ReadTar(rootfs.TarPath).WithOverlay(recipe.Overlay, rootfs.SourceDateEpoch);
        scratch = new ScratchDirectory("boottests-determinism-");
    }

    [OneTimeTearDown]
    public void CleanUp() => scratch?.Dispose();

    [Test]
    public async Task The_fast_payload_written_twice_is_byte_identical_and_equals_the_cached_image()
    {
        var image = await DefaultImages.GetAsync(ImageLayout.Fast);
        var init = InitScript.Render(ImageLayout.Fast, TmpfsSizing.Choose(DefaultImages.Recipe, tree, allowSmaller: false));

        var first = await WriteFastAsync("first", init);
        var second = await WriteFastAsync("second", init);

        var firstHash = await ContentHash.OfFileAsync(first);
        (await ContentHash.OfFileAsync(second)).Should().Be(firstHash);
        firstHash.Should().Be(image.Manifest.Initramfs.Sha256, "the cached image was packed from the same rootfs with the same code");
    }

    [Test]
    public async Task A_tar_part_written_twice_is_byte_identical_and_holds_every_file_of_the_tree()
    {
        var entries = tree.Entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var first = scratch!.Combine("first.tar");
        var second = scratch.Combine("second.tar");

        await using (var output = File.Create(first)) TreeTarWriter.Write(output, entries, rootfs.SourceDateEpoch);
        await using (var output = File.Create(second)) TreeTarWriter.Write(output, entries, rootfs.SourceDateEpoch);

        (await ContentHash.OfFileAsync(second)).Should().Be(await ContentHash.OfFileAsync(first));
        var listed = (await HostTools.RunAsync("tar", ["--quoting-style=literal", "-tf", first])).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.TrimEnd('/')).ToList();
        listed.Should().BeEquivalentTo(entries.Select(e => e.Path));
        var verbose = await HostTools.RunAsync("tar", ["-tvf", first, "etc/hostname"]);
        verbose.Should().Contain(" 10 ").And.Contain("etc/hostname");
        File.Delete(first);
        File.Delete(second);
    }

    [Test]
    public async Task File_data_in_a_tar_part_equals_the_data_in_the_rootfs_tar()
    {
        var entries = tree.Entries.Where(e => e.Path is "etc/hostname" or "etc/passwd" or "usr/bin/bash" or "etc/ssh/sshd_config.d/boottests.conf").ToList();
        entries.Should().HaveCount(4);
        var tar = scratch!.Combine("sample.tar");
        await using (var output = File.Create(tar)) TreeTarWriter.Write(output, entries, rootfs.SourceDateEpoch);
        var ours = scratch.Combine("ours");
        var theirs = scratch.Combine("theirs");
        Directory.CreateDirectory(ours);
        Directory.CreateDirectory(theirs);

        await HostTools.RunAsync("tar", ["-xf", tar, "-C", ours]);
        await HostTools.RunAsync("tar", ["-xf", rootfs.TarPath, "-C", theirs, .. entries.Select(e => "./" + e.Path)]);

        foreach (var entry in entries)
            File.ReadAllBytes(Path.Combine(ours, entry.Path)).Should().Equal(File.ReadAllBytes(Path.Combine(theirs, entry.Path)), entry.Path);
        File.ReadAllText(Path.Combine(ours, "etc/hostname")).Should().Be("boottests\n");
    }

    [Test]
    public async Task A_second_build_of_the_same_recipe_comes_from_the_cache_in_under_a_second()
    {
        await DefaultImages.GetAsync(ImageLayout.Fast);

        var clock = Stopwatch.StartNew();
        var again = await new ImageBuilder(CacheDirectory.Default()).BuildAsync(DefaultImages.Recipe, new ImageBuildOptions { Layout = ImageLayout.Fast });
        clock.Stop();

        again.FromCache.Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    private async Task<string> WriteFastAsync(string name, string init)
    {
        var folder = Directory.CreateDirectory(scratch!.Combine(name)).FullName;
        var work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
        var initramfs = Path.Combine(folder, "initramfs.img");
        await FastPayload.WriteAsync(tree, init, rootfs.SourceDateEpoch, work, initramfs, progress: null, CancellationToken.None);
        Directory.Delete(work, recursive: true);
        return initramfs;
    }
}
