using BootTests.Images;

namespace BootTests.Tests.Images;

/// <summary>The default recipe's seed image: the classic gzip cpio of init, BusyBox and rootfs.tar.xz.</summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class SeedImageTests
{
    private BuiltImage image = null!;
    private ScratchDirectory? scratch;
    private string cpio = "";

    [OneTimeSetUp]
    public async Task Build()
    {
        image = await DefaultImages.GetAsync(ImageLayout.Seed);
        scratch = new ScratchDirectory("boottests-seed-image-");
        cpio = scratch.Combine("initramfs.cpio");
        await HostTools.RunAsync("gzip", ["-dc", image.InitramfsPath], stdoutFile: cpio);
    }

    [OneTimeTearDown]
    public void CleanUp() => scratch?.Dispose();

    [Test]
    public async Task The_gzip_cpio_lists_exactly_init_busybox_and_the_xz_rootfs()
    {
        var names = await HostTools.CpioNamesAsync(cpio);

        names.Where(n => n != ".").Should().BeEquivalentTo("bin", "dev", "proc", "sys", "newroot", "dev/console", "init", "bin/busybox", "rootfs.tar.xz");
    }

    [Test]
    public async Task The_rootfs_xz_passes_the_integrity_test_and_holds_the_tree()
    {
        var unpacked = scratch!.Combine("initramfs");
        await HostTools.CpioExtractAsync(cpio, unpacked);
        var xz = Path.Combine(unpacked, "rootfs.tar.xz");

        await HostTools.RunAsync("xz", ["-t", xz]);
        // The kernel's xz decoder (and BusyBox's) want CRC32, not xz's default CRC64.
        (await HostTools.RunAsync("xz", ["--robot", "-lv", xz])).Should().Contain("CRC32");
        var names = (await HostTools.RunAsync("tar", ["-tJf", xz])).Split('\n');
        names.Should().Contain(["etc/fstab", "root/.ssh/authorized_keys", "etc/ssh/ssh_host_ed25519_key.pub", "usr/lib/systemd/systemd"]);
        File.ReadAllText(Path.Combine(unpacked, "init")).Should().Contain("case seed in");
        File.GetUnixFileMode(Path.Combine(unpacked, "init")).Should().HaveFlag(UnixFileMode.UserExecute);
    }

    [Test]
    public void The_manifest_names_the_seed_layout_and_the_same_keys_as_the_fast_image()
    {
        image.Manifest.Layout.Should().Be("seed");
        image.Manifest.Recipe.Should().Be("debian-bookworm");
        image.Manifest.HostKeyFingerprint.Should().StartWith("SHA256:");
        ((int)File.GetUnixFileMode(image.ClientKeyPath)).Should().Be(0b110_000_000);
    }
}
