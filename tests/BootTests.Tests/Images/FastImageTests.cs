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

    private BuiltImage _image = null!;
    private ScratchDirectory? _scratch;
    private string _initramfs = "";
    private string _root = "";
    private string[] _cpioNames = [];

    [OneTimeSetUp]
    public async Task BuildAndUnpack()
    {
        _image = await DefaultImages.GetAsync(ImageLayout.Fast);
        _scratch = new ScratchDirectory("boottests-fast-image-");
        _cpioNames = await HostTools.CpioNamesAsync(_image.InitramfsPath);
        _initramfs = _scratch.Combine("initramfs");
        await HostTools.CpioExtractAsync(_image.InitramfsPath, _initramfs);

        _root = _scratch.Combine("root");
        var payload = Path.Combine(_initramfs, "payload");
        await HostTools.TarExtractAsync(Path.Combine(payload, "skeleton.tar"), _root);
        foreach (var part in Directory.GetFiles(payload, "part-*.tar.zst").Order(StringComparer.Ordinal))
        {
            var tar = _scratch.Combine(Path.GetFileNameWithoutExtension(part));
            await HostTools.RunAsync("zstd", ["-q", "-dc", part], stdoutFile: tar);
            await HostTools.TarExtractAsync(tar, _root);
            File.Delete(tar);
        }
    }

    [OneTimeTearDown]
    public void CleanUp() => _scratch?.Dispose();

    private string InRoot(string path) => Path.Combine(_root, path);

    [Test]
    public void The_initramfs_holds_an_executable_init_for_the_fast_layout()
    {
        var init = Path.Combine(_initramfs, "init");
        File.GetUnixFileMode(init).Should().HaveFlag(UnixFileMode.UserExecute);
        File.ReadAllText(init).Should().StartWith("#!/bin/busybox sh").And.Contain("case fast in").And.Contain($"size={_image.Manifest.TmpfsSize},");
    }

    [Test]
    public void The_initramfs_holds_the_hosts_static_busybox()
    {
        var busybox = Path.Combine(_initramfs, "bin/busybox");
        File.ReadAllBytes(busybox).Should().Equal(File.ReadAllBytes("/bin/busybox"));
        File.GetUnixFileMode(busybox).Should().HaveFlag(UnixFileMode.UserExecute);
    }

    [Test]
    public void The_initramfs_holds_the_skeleton_numbered_zstd_parts_and_zstd_with_its_libraries()
    {
        var parts = Directory.GetFiles(Path.Combine(_initramfs, "payload"), "part-*.tar.zst").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        parts.Should().NotBeEmpty();
        parts.Should().Equal(Enumerable.Range(1, parts.Count).Select(i => $"part-{i:D3}.tar.zst"));

        string[] expected = ["bin", "dev", "proc", "sys", "newroot", "dev/console", "init", "bin/busybox", "payload", "payload/skeleton.tar", .. parts.Select(p => $"payload/{p}")];
        _cpioNames.Where(n => n != "." && !IsCarriedZstd(n)).Should().BeEquivalentTo(expected);
        _cpioNames.Should().Contain(["usr/bin/zstd", "lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6"]);
    }

    private static bool IsCarriedZstd(string name) =>
        name is "usr" or "usr/bin" or "usr/bin/zstd" or "lib" or "lib64" or "lib/x86_64-linux-gnu"
        || name.StartsWith("lib/x86_64-linux-gnu/", StringComparison.Ordinal) || name.StartsWith("lib64/", StringComparison.Ordinal);

    [Test]
    public async Task The_carried_zstd_runs_from_the_initramfs_alone()
    {
        // chroot into the unpacked initramfs: only what it carries is there to load.
        var output = await HostTools.RunAsync("chroot", [_initramfs, "/usr/bin/zstd", "-V"]);
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

        var publicLine = await HostTools.RunAsync("ssh-keygen", ["-y", "-f", _image.ClientKeyPath]);
        var lines = File.ReadAllLines(authorized).Where(l => l.Trim().Length > 0).ToList();
        lines.Should().ContainSingle();
        KeyAndBlob(lines[0]).Should().Be(KeyAndBlob(publicLine));
    }

    [Test]
    public void The_images_client_key_is_private_to_its_owner()
    {
        ((int)File.GetUnixFileMode(_image.ClientKeyPath)).Should().Be(Mode0600);
    }

    [Test]
    public async Task The_host_key_in_the_tree_has_the_fingerprint_the_manifest_pins()
    {
        var listed = await HostTools.RunAsync("ssh-keygen", ["-lf", InRoot("etc/ssh/ssh_host_ed25519_key.pub")]);

        listed.Split(' ')[1].Should().Be(_image.Manifest.HostKeyFingerprint);
        ((int)File.GetUnixFileMode(InRoot("etc/ssh/ssh_host_ed25519_key"))).Should().Be(Mode0600);
        Directory.GetFiles(InRoot("etc/ssh"), "ssh_host_*").Select(Path.GetFileName)
            .Should().BeEquivalentTo("ssh_host_ed25519_key", "ssh_host_ed25519_key.pub");
    }

    [Test]
    public async Task Sbin_init_resolves_inside_the_tree_to_an_executable_file()
    {
        // The kernel resolves /sbin/init inside the new root; chroot makes the host do the same, links and all.
        var init = await HostTools.RunAsync("chroot", [_root, "/usr/bin/readlink", "-e", "/sbin/init"]);
        init.Trim().Should().EndWith("/lib/systemd/systemd");
        await HostTools.RunAsync("chroot", [_root, "/usr/bin/test", "-x", "/sbin/init"]);
    }

    [Test]
    public void The_manifest_describes_the_image()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(_image.ManifestPath));
        var m = json.RootElement;
        foreach (var field in new[] { "recipe", "recipeSource", "layout", "kernelVersion", "tmpfsSize", "memory", "hostKeyFingerprint", "clientKey", "cacheKey" })
            m.GetProperty(field).GetString().Should().NotBeNullOrWhiteSpace(field);
        m.GetProperty("recipe").GetString().Should().Be("debian-bookworm");
        m.GetProperty("layout").GetString().Should().Be("fast");
        m.GetProperty("kernelVersion").GetString().Should().MatchRegex(@"^[0-9]+\.[0-9]+\.[0-9]+-[0-9]+-amd64$");
        m.GetProperty("rootfsBytes").GetInt64().Should().BeGreaterThan(100L << 20);
        m.GetProperty("tmpfsBytes").GetInt64().Should().BeGreaterThan(m.GetProperty("rootfsBytes").GetInt64());
        m.GetProperty("hostKeyFingerprint").GetString().Should().StartWith("SHA256:");
        Directory.Exists(InRoot($"lib/modules/{_image.Manifest.KernelVersion}")).Should().BeTrue();
    }

    [Test]
    public async Task The_manifest_digests_match_the_kernel_and_initramfs_files()
    {
        (await ContentHash.OfFileAsync(_image.KernelPath)).Should().Be(_image.Manifest.Kernel.Sha256);
        (await ContentHash.OfFileAsync(_image.InitramfsPath)).Should().Be(_image.Manifest.Initramfs.Sha256);
        new FileInfo(_image.KernelPath).Length.Should().Be(_image.Manifest.Kernel.Bytes);
        new FileInfo(_image.InitramfsPath).Length.Should().Be(_image.Manifest.Initramfs.Bytes);
        (await HostTools.RunAsync("sha256sum", [_image.InitramfsPath])).Should().StartWith(_image.Manifest.Initramfs.Sha256);
    }

    private static string KeyAndBlob(string publicKeyLine) => string.Join(' ', publicKeyLine.Trim().Split(' ').Take(2));
}
