using BootTests.Images;
using BootTests.Images.Diff;
using BootTests.Images.Fixups;
using BootTests.Images.Kernels;

namespace BootTests.Tests.Images;

/// <summary>Imported trees packed into images (no VM): which fix-ups each needed, its kernel and modules, the lint, rebuilds that give the same bytes, and diff.</summary>
[TestFixture]
[Category(Categories.Image)]
[Parallelizable(ParallelScope.Self)]
public sealed class ImportedImageTests
{
    private ScratchDirectory scratch = null!;

    [OneTimeSetUp]
    public void Create_a_recipe_folder() => scratch = new ScratchDirectory("boottests-imported-image-");

    [OneTimeTearDown]
    public void Delete_it() => scratch.Dispose();

    private static Task<BuiltImage> BuildAsync(Recipe recipe, bool noCache = false, bool newKeys = false) =>
        new ImageBuilder(CacheDirectory.Default(), BootedVm.Log).BuildAsync(recipe, new ImageBuildOptions { NoCache = noCache, NewKeys = newKeys });

    private static Dictionary<string, ListedEntry> Tree(BuiltImage image) =>
        TreeListing.Read(Path.Combine(image.Folder, TreeListing.FileName)).ToDictionary(e => e.Path);

    private static string[] Done(BuiltImage image) => image.Manifest.Fixups.Where(f => f.Result == FixupOutcome.Done).Select(f => f.Name).ToArray();

    [Test]
    public async Task A_distribution_tarball_gets_each_fix_up_it_needs_its_own_kernel_and_only_the_wanted_modules()
    {
        var tar = await ImportInputs.DistroTarAsync();
        var image = await BuildAsync(ImportRecipes.Write(scratch.Path, "distro-tar", ImportRecipes.Tar(tar)));

        var m = image.Manifest;
        m.Source.Should().Be(new ManifestSource("tar", tar, "sha256:" + await ContentHash.OfFileAsync(tar)));
        m.KernelOrigin.Should().Be(KernelSource.FromTree);
        m.KernelFrom.Should().Be("the tree's /boot/vmlinuz-6.1.0-57-amd64");
        Done(image).Should().Equal(KernelModules.TrimName, "fstab", "selinux", "getty-noclear", "machine-id", "hostname", "network", "ssh-host-key", "authorized-keys", "root-password", "boot-initrd");
        m.Fixups.Single(f => f.Name == KernelModules.TrimName).Detail.Should().StartWith("kept 8 of 9 modules (virtio_net virtio_pci");
        m.Warnings.Select(w => w.Code).Should().Equal("fstab-block", "xattrs");
        m.Warnings[0].Message.Should().Contain($"UUID={DistroTree.RootUuid} /");
        m.SourceDateEpochFrom.Should().Be("the newest file of the source");

        var tree = Tree(image);
        tree.Keys.Should().NotContain(p => p.EndsWith("e1000.ko", StringComparison.Ordinal) || p.StartsWith("boot/initrd.img", StringComparison.Ordinal) || p == "etc/ssh/ssh_host_rsa_key");
        tree["usr/lib/modules/6.1.0-57-amd64/kernel/drivers/net/virtio_net.ko"].Type.Should().Be("file");
        tree["etc/fstab"].Size.Should().Be(0);
        tree["root/.ssh/authorized_keys"].Mode.Should().Be("0600");
        RootfsTree.ReadTar(tar).ReadText("etc/fstab").Should().NotBeEmpty("the input itself is left as it was");
    }

    [Test]
    public async Task A_container_export_with_the_default_kernel_gets_that_kernel_s_modules_and_loses_its_docker_marker()
    {
        var image = await BuildAsync(ImportRecipes.Write(scratch.Path, "container-tar", ImportRecipes.Tar(await ImportInputs.ContainerTarAsync()), kernel: "default"));

        image.Manifest.KernelOrigin.Should().Be(KernelSource.FromDefault);
        image.Manifest.Fixups.Single(f => f.Name == KernelModules.BringName).Should().Match<FixupOutcome>(f => f.Result == FixupOutcome.Done && f.Detail.Contains("brought the 9 modules of the default recipe's kernel 6.1.0-57-amd64"));
        Done(image).Should().Contain(["container-markers", KernelModules.TrimName]);
        var tree = Tree(image);
        tree.Should().ContainKey("usr/lib/modules/6.1.0-57-amd64/kernel/drivers/net/virtio_net.ko");
        tree.Should().NotContainKey(".dockerenv");
        (await ContentHash.OfFileAsync(image.KernelPath)).Should().Be((await DefaultImages.GetAsync(ImageLayout.Fast)).Manifest.Kernel.Sha256);
    }

    [Test]
    public async Task A_kernel_file_with_a_modules_folder_boots_a_tree_that_has_neither()
    {
        var rootfs = await new BootTests.Images.Rootfs.RootfsBuilder(CacheDirectory.Default(), BootedVm.Log).BuildAsync(DefaultImages.Recipe, noCache: false, CancellationToken.None);
        var kernel = scratch.Combine("vmlinuz-" + rootfs.KernelVersion);
        File.Copy(rootfs.KernelPath, kernel, overwrite: true);
        var modules = Directory.CreateDirectory(scratch.Combine("modules")).FullName;
        await ImportInputs.RunAsync("tar", ["-x", "-f", rootfs.TarPath, "-C", modules, "--strip-components=5", $"./usr/lib/modules/{rootfs.KernelVersion}"]);
        var recipe = ImportRecipes.Write(scratch.Path, "kernel-file", ImportRecipes.Tar(await ImportInputs.ContainerTarAsync()), kernel: Path.GetFileName(kernel), kernelModulesDir: "modules");

        var image = await BuildAsync(recipe);

        image.Manifest.KernelOrigin.Should().Be(KernelSource.FromFile);
        image.Manifest.KernelFrom.Should().Be($"the kernel file {kernel} ({rootfs.KernelVersion})");
        image.Manifest.Fixups.Single(f => f.Name == KernelModules.BringName).Detail.Should().Contain($"brought the 9 modules of the modules folder {modules}");
        Tree(image).Should().ContainKey($"usr/lib/modules/{rootfs.KernelVersion}/kernel/drivers/net/virtio_net.ko");
    }

    [Test]
    public async Task A_tree_without_an_init_stops_before_packing_with_one_line_naming_the_input_the_path_and_the_fix()
    {
        var tar = await ImportInputs.NoInitTarAsync();
        var recipe = ImportRecipes.Write(scratch.Path, "no-init", ImportRecipes.Tar(tar));

        var act = () => BuildAsync(recipe);

        var error = (await act.Should().ThrowAsync<BootTestsException>()).Which;
        error.Should().Match<BootTestsException>(e => e.ExitCode == ExitCode.Usage && e.Stage == Stage.Lint);
        error.Message.Should().Be($"The tar source '{tar}' cannot boot as a RAM root: /sbin/init: is missing, so switch_root has nothing to start (container images rarely have one); "
            + "fix: install an init in the tree: systemd-sysv on Debian and Ubuntu, systemd on Fedora, Rocky and Alma (or point an overlay symlink sbin/init at one).");
        Directory.GetDirectories(CacheDirectory.Default().ImagesFolder).Should().NotContain(d => Path.GetFileName(d).Contains("no-init", StringComparison.Ordinal), "nothing half-built is left");
    }

    [Test]
    public async Task A_rebuild_without_the_cache_gives_the_same_bytes_and_new_keys_change_only_the_key_files()
    {
        var recipe = ImportRecipes.Write(scratch.Path, "reproducible", ImportRecipes.Tar(await ImportInputs.DistroTarZstAsync()));
        var first = await BuildAsync(recipe);
        var firstCopy = ImageExport.CopyTo(first, scratch.Combine("first"));

        var again = await BuildAsync(recipe, noCache: true);

        again.FromCache.Should().BeFalse();
        again.Manifest.Initramfs.Sha256.Should().Be(first.Manifest.Initramfs.Sha256, "the keys and the timestamp are inputs kept with the cache");
        again.Manifest.Kernel.Sha256.Should().Be(first.Manifest.Kernel.Sha256);

        var rekeyed = await BuildAsync(recipe, newKeys: true);

        rekeyed.Manifest.HostKeyFingerprint.Should().NotBe(first.Manifest.HostKeyFingerprint);
        var diff = ImageDiff.Compare(firstCopy, rekeyed.Folder);
        diff.Identical.Should().BeFalse();
        diff.Changed.Select(c => c.After.Path).Should().BeEquivalentTo("etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub", "root/.ssh/authorized_keys");
        diff.Added.Should().BeEmpty();
        diff.Removed.Should().BeEmpty();
        diff.Manifest.Should().Contain(l => l.StartsWith("host key: ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Diff_lists_the_files_and_the_packages_two_builds_differ_in()
    {
        var tar = await ImportInputs.DistroTarAsync();
        var status = RootfsTree.ReadTar(tar).ReadText("var/lib/dpkg/status")!;
        var bash = PackageList.Of(RootfsTree.ReadTar(tar)).Versions["bash"];
        var version = status.IndexOf("Version: " + bash, status.IndexOf("Package: bash\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var upgraded = status[..version] + "Version: 9.9-1" + status[(version + "Version: ".Length + bash.Length)..];
        var a = await BuildAsync(ImportRecipes.Write(scratch.Path, "diff-a", ImportRecipes.Tar(tar)));
        var b = await BuildAsync(ImportRecipes.Write(scratch.Path, "diff-b", ImportRecipes.Tar(tar), overlay: new object[]
        {
            new { path = "etc/added-by-b", content = "new\n" },
            new { path = "var/lib/dpkg/status", content = upgraded },
        }));

        var diff = ImageDiff.Compare(a.Folder, b.Folder);

        diff.Added.Select(e => e.Path).Should().Equal("etc/added-by-b");
        diff.Changed.Select(c => c.After.Path).Should().Equal("var/lib/dpkg/status");
        diff.Removed.Should().BeEmpty();
        diff.Packages.Should().Equal($"~ bash {bash} → 9.9-1");
        diff.Lines().First().Should().StartWith("files: 1 added, 0 removed, 1 changed").And.Contain("packages: 1 changed (dpkg)");
        ImageDiff.Compare(a.Folder, a.Folder).Identical.Should().BeTrue();
    }
}
