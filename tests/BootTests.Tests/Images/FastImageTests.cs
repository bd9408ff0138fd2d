using System.Text.Json;
using BootTests.Images;

namespace BootTests.Tests.Images;

/// <summary>The default recipe's fast image, unpacked with GNU cpio, the host's zstd and tar the way the kernel and /init would.</summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class FastImageTests
{
    private const int Mode0600 = 0b110_000_000;

    private BuiltImage image = null!;
    private ScratchDirectory? scratch;
    private string initramfs = "";
    private string root = "";
    private string[] cpioNames = [];

    [OneTimeSetUp]
    public async Task BuildAndUnpack()
    {
        image = await DefaultImages.GetAsync(ImageLayout.Fast);
        scratch = new ScratchDirectory("boottests-fast-image-");
        cpioNames = await HostTools.CpioNamesAsync(image.InitramfsPath);
        initramfs = scratch.Combine("initramfs");
        await HostTools.CpioExtractAsync(image.InitramfsPath, initramfs);

        root = scratch.Combine("root");
        var payload = Path.Combine(initramfs, "payload");
        await HostTools.TarExtractAsync(Path.Combine(payload, "skeleton.tar"), root);
        foreach (var part in Directory.GetFiles(payload, "part-*.tar.zst").Order(StringComparer.Ordinal))
        {
            var tar = scratch.Combine(Path.GetFileNameWithoutExtension(part));
            await HostTools.RunAsync("zstd", ["-q", "-dc", part], stdoutFile: tar);
            await HostTools.TarExtractAsync(tar, root);
            File.Delete(tar);
        }
    }

    [OneTimeTearDown]
    public void CleanUp() => scratch?.Dispose();

    private string InRoot(string path) => Path.Combine(root, path);

    [Test]
    public void The_initramfs_holds_an_executable_init_for_the_fast_layout()
    {
        var init = Path.Combine(initramfs, "init");
        File.GetUnixFileMode(init).Should().HaveFlag(UnixFileMode.UserExecute);
        File.ReadAllText(init).Should().StartWith("#!/bin/busybox sh").And.Contain("case fast in").And.Contain($"size={image.Manifest.TmpfsSize},");
    }

    [Test]
    public void The_initramfs_holds_the_hosts_static_busybox()
    {
        var busybox = Path.Combine(initramfs, "bin/busybox");
        File.ReadAllBytes(busybox).Should().Equal(File.ReadAllBytes("/bin/busybox"));
        File.GetUnixFileMode(busybox).Should().HaveFlag(UnixFileMode.UserExecute);
    }

    [Test]
    public void The_initramfs_holds_the_skeleton_numbered_zstd_parts_and_zstd_with_its_libraries()
    {
        var parts = Directory.GetFiles(Path.Combine(initramfs, "payload"), "part-*.tar.zst").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        parts.Should().NotBeEmpty();
        parts.Should().Equal(Enumerable.Range(1, parts.Count).Select(i => $"part-{i:D3}.tar.zst"));

        string[] expected = ["bin", "dev", "proc", "sys", "newroot", "dev/console", "init", "bin/busybox", "payload", "payload/skeleton.tar", .. parts.Select(p => $"payload/{p}")];
        cpioNames.Where(n => n != "." && !IsCarriedZstd(n)).Should().BeEquivalentTo(expected);
        cpioNames.Should().Contain(["usr/bin/zstd", "lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6"]);
    }

    private static bool IsCarriedZstd(string name) =>
        name is "usr" or "usr/bin" or "usr/bin/zstd" or "lib" or "lib64" or "lib/x86_64-linux-gnu"
        || name.StartsWith("lib/x86_64-linux-gnu/", StringComparison.Ordinal) || name.StartsWith("lib64/", StringComparison.Ordinal);

    [Test]
    public async Task The_carried_zstd_runs_from_the_initramfs_alone()
    {
        // chroot into the unpacked initramfs: only what it carries is there to load.
        var output = await HostTools.RunAsync("chroot", [initramfs, "/usr/bin/zstd", "-V"]);
        output.Should().Contain("Zstandard");
    }

    [Test]
    public void Fstab_is_empty()
    {
        new FileInfo(InRoot("etc/fstab")).Length.Should().Be(0);
    }

    [Test]
    public void Selinux_is_disabled()
    {
        File.ReadAllLines(InRoot("etc/selinux/config")).Should().Contain("SELINUX=disabled");
    }

    [Test]
    public void The_getty_does_not_clear_the_console()
    {
        File.ReadAllLines(InRoot("etc/systemd/system/getty@.service.d/noclear.conf")).Should().Contain("TTYVTDisallocate=no");
    }

    [Test]
    public void The_machine_id_is_empty_so_each_boot_makes_its_own()
    {
        new FileInfo(InRoot("etc/machine-id")).Length.Should().Be(0);
    }

    [Test]
    public async Task Root_authorises_exactly_the_images_client_key_with_mode_0600()
    {
        var authorized = InRoot("root/.ssh/authorized_keys");
        ((int)File.GetUnixFileMode(authorized)).Should().Be(Mode0600);

        var publicLine = await HostTools.RunAsync("ssh-keygen", ["-y", "-f", image.ClientKeyPath]);
        var lines = File.ReadAllLines(authorized).Where(l => l.Trim().Length > 0).ToList();
        lines.Should().ContainSingle();
        KeyAndBlob(lines[0]).Should().Be(KeyAndBlob(publicLine));
    }

    [Test]
    public void The_images_client_key_is_private_to_its_owner()
    {
        ((int)File.GetUnixFileMode(image.ClientKeyPath)).Should().Be(Mode0600);
    }

    [Test]
    public async Task The_host_key_in_the_tree_has_the_fingerprint_the_manifest_pins()
    {
        var listed = await HostTools.RunAsync("ssh-keygen", ["-lf", InRoot("etc/ssh/ssh_host_ed25519_key.pub")]);

        listed.Split(' ')[1].Should().Be(image.Manifest.HostKeyFingerprint);
        ((int)File.GetUnixFileMode(InRoot("etc/ssh/ssh_host_ed25519_key"))).Should().Be(Mode0600);
        Directory.GetFiles(InRoot("etc/ssh"), "ssh_host_*").Select(Path.GetFileName)
            .Should().BeEquivalentTo("ssh_host_ed25519_key", "ssh_host_ed25519_key.pub");
    }

    [Test]
    public async Task Sbin_init_resolves_inside_the_tree_to_an_executable_file()
    {
        // The kernel resolves /sbin/init inside the new root; chroot makes the host do the same, links and all.
        var init = await HostTools.RunAsync("chroot", [root, "/usr/bin/readlink", "-e", "/sbin/init"]);
        init.Trim().Should().EndWith("/lib/systemd/systemd");
        await HostTools.RunAsync("chroot", [root, "/usr/bin/test", "-x", "/sbin/init"]);
    }

    [Test]
    public void The_manifest_describes_the_image()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(image.ManifestPath));
        var m = json.RootElement;
        foreach (var field in new[] { "recipe", "recipeSource", "layout", "kernelVersion", "tmpfsSize", "memory", "hostKeyFingerprint", "clientKey", "cacheKey" })
            m.GetProperty(field).GetString().Should().NotBeNullOrWhiteSpace(field);
        m.GetProperty("recipe").GetString().Should().Be("debian-bookworm");
        m.GetProperty("layout").GetString().Should().Be("fast");
        m.GetProperty("kernelVersion").GetString().Should().MatchRegex(@"^[0-9]+\.[0-9]+\.[0-9]+-[0-9]+-amd64$");
        m.GetProperty("rootfsBytes").GetInt64().Should().BeGreaterThan(100L << 20);
        m.GetProperty("tmpfsBytes").GetInt64().Should().BeGreaterThan(m.GetProperty("rootfsBytes").GetInt64());
        m.GetProperty("hostKeyFingerprint").GetString().Should().StartWith("SHA256:");
        Directory.Exists(InRoot($"lib/modules/{image.Manifest.KernelVersion}")).Should().BeTrue();
    }

    [Test]
    public async Task The_manifest_digests_match_the_kernel_and_initramfs_files()
    {
        (await ContentHash.OfFileAsync(image.KernelPath)).Should().Be(image.Manifest.Kernel.Sha256);
        (await ContentHash.OfFileAsync(image.InitramfsPath)).Should().Be(image.Manifest.Initramfs.Sha256);
        new FileInfo(image.KernelPath).Length.Should().Be(image.Manifest.Kernel.Bytes);
        new FileInfo(image.InitramfsPath).Length.Should().Be(image.Manifest.Initramfs.Bytes);
        (await HostTools.RunAsync("sha256sum", [image.InitramfsPath])).Should().StartWith(image.Manifest.Initramfs.Sha256);
    }

    private static string KeyAndBlob(string publicKeyLine) => string.Join(' ', publicKeyLine.Trim().Split(' ').Take(2));
}
