using System.IO.Compression;
using BootTests.Images;
using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>
/// Broken sources, each made here: a usage error (exit 3) in the source stage with one line naming the input and what is
/// wrong, and nothing half-read left in the cache.
/// </summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class BadSourceTests
{
    private ScratchDirectory scratch = null!;
    private CacheDirectory cache = null!;
    private string small = null!;

    [OneTimeSetUp]
    public void Make_a_small_tree()
    {
        scratch = new ScratchDirectory("boottests-bad-source-");
        cache = new CacheDirectory(scratch.Combine("cache"));
        var tar = new SmallTar().Dir("etc");
        for (var i = 0; i < 24; i++) tar = tar.RandomFile($"etc/file-{i:D2}", 8192, i);
        small = tar.WriteTo(scratch.Combine("small.tar"));
    }

    [OneTimeTearDown]
    public void Delete_it() => scratch.Dispose();

    [TearDown]
    public void Nothing_is_left_half_read_in_the_cache()
    {
        var left = Directory.Exists(cache.SourcesFolder) ? Directory.GetFileSystemEntries(cache.SourcesFolder).Where(e => !e.EndsWith(".lock", StringComparison.Ordinal)).ToList() : [];
        left.Should().BeEmpty("a source that cannot be read leaves nothing in the cache");
    }

    private async Task<BootTestsException> RefusedAsync(object rootfs, string name)
    {
        var recipe = ImportRecipes.Write(scratch.Path, name, rootfs);
        var guestfs = await ImportInputs.GuestfsAsync();
        var act = () => new SourceImporter(cache, BootedVm.Log).ImportAsync(recipe, new SourceOptions(Guestfs: guestfs), CancellationToken.None);
        var error = (await act.Should().ThrowAsync<BootTestsException>()).Which;
        error.ExitCode.Should().Be(ExitCode.Usage, error.Message);
        error.Stage.Should().Be(Stage.Source);
        error.Message.Should().NotContain("\n");
        return error;
    }

    private string Gzip(string tar, string name)
    {
        var path = scratch.Combine(name);
        using var input = File.OpenRead(tar);
        using var output = File.Create(path);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        input.CopyTo(gzip);
        return path;
    }

    [Test]
    public async Task A_truncated_tar_gz_is_damaged_in_gzip_s_words()
    {
        var gz = Gzip(small, "whole.tar.gz");
        var cut = FaultInputs.Truncated(gz, new FileInfo(gz).Length / 2, scratch.Combine("truncated.tar.gz"));

        (await RefusedAsync(ImportRecipes.Tar(cut), "truncated-gz")).Message.Should()
            .StartWith($"The tarball '{cut}' is damaged: gzip says").And.Contain("unexpected end of file");
    }

    [Test]
    public async Task A_tar_gz_whose_crc_does_not_match_is_corrupt_although_net_s_gzip_stream_would_let_it_through()
    {
        var gz = Gzip(small, "whole.tar.gz");
        var bytes = File.ReadAllBytes(gz);
        bytes[^8] ^= 0xff;
        var corrupt = scratch.Combine("corrupt.tar.gz");
        File.WriteAllBytes(corrupt, bytes);

        (await RefusedAsync(ImportRecipes.Tar(corrupt), "corrupt-gz")).Message.Should().Contain("crc error");
    }

    [Test]
    public async Task A_truncated_tar_zst_is_damaged_in_zstd_s_words()
    {
        var zst = scratch.Combine("whole.tar.zst");
        await ImportInputs.RunAsync("zstd", ["-q", "-o", zst, small]);
        var cut = FaultInputs.Truncated(zst, new FileInfo(zst).Length / 2, scratch.Combine("truncated.tar.zst"));

        (await RefusedAsync(ImportRecipes.Tar(cut), "truncated-zst")).Message.Should().StartWith($"The tarball '{cut}' is damaged: zstd says");
    }

    [Test]
    public async Task A_plain_tar_cut_at_an_entry_boundary_is_truncated_though_gnu_tar_lists_it_happily()
    {
        var cut = FaultInputs.Truncated(small, 512 + 3 * (512 + 8192), scratch.Combine("cut.tar"));
        await ImportInputs.RunAsync("tar", ["-tf", cut]);

        (await RefusedAsync(ImportRecipes.Tar(cut), "cut")).Message.Should().Contain("is not a whole tar archive: truncated");
    }

    [Test]
    public async Task A_tar_with_a_damaged_header_is_corrupt()
    {
        var bad = scratch.Combine("bad-header.tar");
        var bytes = File.ReadAllBytes(small);
        bytes[512 + 8192 + 512 + 3] ^= 0x01;
        File.WriteAllBytes(bad, bytes);

        (await RefusedAsync(ImportRecipes.Tar(bad), "bad-header")).Message.Should().Contain("wrong checksum");
    }

    [Test]
    public async Task A_file_that_is_not_a_tar_says_so()
    {
        var random = scratch.Combine("not-a.tar");
        var bytes = new byte[20000];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(random, bytes);

        (await RefusedAsync(ImportRecipes.Tar(random), "not-a-tar")).Message.Should().Contain("not a tar archive");
    }

    [Test]
    public async Task A_tarball_with_a_member_escaping_the_tree_names_it()
    {
        var escape = new SmallTar().Dir("etc").File("etc/../../escaped").WriteTo(scratch.Combine("escape.tar"));

        (await RefusedAsync(ImportRecipes.Tar(escape), "escape")).Message.Should().Contain("'etc/../../escaped', which escapes the tree through '..'");
    }

    [Test]
    public async Task An_oci_index_without_an_amd64_manifest_names_the_platform_it_needs()
    {
        var layout = OciWithOnlyArm64(scratch.Combine("arm64-only"));

        var error = await RefusedAsync(ImportRecipes.Oci($"oci:{layout}:arm64-only"), "arm64");

        error.Message.Should().StartWith($"The OCI image 'oci:{layout}:arm64-only' cannot be read: skopeo says").And.Contain("amd64");
    }

    [Test]
    public async Task An_arm64_image_is_refused_by_its_config_even_where_skopeo_copies_it()
    {
        var layout = OciWithOnlyArm64(scratch.Combine("arm64-plain"));

        (await RefusedAsync(ImportRecipes.Oci($"oci:{layout}:plain"), "arm64-plain")).Message.Should().Contain("is linux/arm64, but boottest boots x86-64 guests");
    }

    [Test]
    public async Task A_disk_without_a_linux_root_says_what_inspection_looks_for_and_how_to_name_the_root()
    {
        var empty = Directory.CreateDirectory(scratch.Combine("empty-tree")).FullName;
        var disk = scratch.Combine("empty.qcow2");
        await ImportInputs.Ext4DiskOfAsync(empty, disk, Directory.CreateDirectory(scratch.Combine("disk-work")).FullName, "0a1b2c3d-0000-4000-8000-000000000001");

        var error = await RefusedAsync(ImportRecipes.Disk(disk), "no-root");

        error.Message.Should().StartWith($"The disk image '{disk}' has no Linux root").And.Contain("\"root\": \"/dev/sda1\"");
    }

    /// <summary>A tiny OCI layout written by hand: tag "plain" is a manifest whose config says arm64, tag "arm64-only" an index listing only it.</summary>
    private string OciWithOnlyArm64(string layout)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256")).FullName;
        string Blob(byte[] bytes)
        {
            var digest = ContentHash.OfBytes(bytes);
            File.WriteAllBytes(Path.Combine(blobs, digest), bytes);
            return "sha256:" + digest;
        }
        var layer = File.ReadAllBytes(small);
        var layerDigest = Blob(layer);
        var config = System.Text.Encoding.UTF8.GetBytes($"{{\"architecture\":\"arm64\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{layerDigest}\"]}},\"config\":{{}}}}");
        var configDigest = Blob(config);
        var manifest = System.Text.Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"{layerDigest}\",\"size\":{layer.Length}}}]}}");
        var manifestDigest = Blob(manifest);
        var index = System.Text.Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\",\"size\":{manifest.Length},\"platform\":{{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}}}]}}");
        var indexDigest = Blob(index);
        File.WriteAllText(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(Path.Combine(layout, "index.json"), $$$"""
            {"schemaVersion":2,"manifests":[
              {"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{indexDigest}}}","size":{{{index.Length}}},"annotations":{"org.opencontainers.image.ref.name":"arm64-only"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifestDigest}}}","size":{{{manifest.Length}}},"annotations":{"org.opencontainers.image.ref.name":"plain"}}]}
            """);
        return layout;
    }
}
