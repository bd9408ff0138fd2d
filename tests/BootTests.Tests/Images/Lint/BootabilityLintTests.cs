using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Kernels;
using BootTests.Images.Lint;
using BootTests.Images.Sources;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images.Lint;

/// <summary>Each lint rule is quiet on a bootable tree and speaks (with its path and fix) on a tree that breaks it.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class BootabilityLintTests
{
    private const string Version = "6.1.0-57-amd64";
    private const string Modules = "usr/lib/modules/" + Version;
    private static readonly KernelSource TreeKernel = new(KernelSource.FromTree, Version, "the tree's /boot/vmlinuz");

    /// <summary>A bootable merged-/usr tree: systemd as /sbin/init (an x86-64 ELF), sshd, networkd, and the NIC's modules.</summary>
    private static List<CpioEntry> Bootable() =>
    [
        .. MergedUsr().Where(e => e.Path != "usr/lib/systemd/systemd"),
        new CpioEntry("usr/lib/systemd/systemd", CpioEntryType.RegularFile, Convert.ToInt32("755", 8), 0, 0, Mtime) { Content = new BytesContent(Elf(62)) },
        Dir("usr/lib/systemd/system"), Text("usr/lib/systemd/system/systemd-networkd.service", "[Install]\nWantedBy=multi-user.target\n"),
        Dir("etc/ssh"), File("usr/sbin/sshd", 100, "755"), Text("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n"),
        Text("etc/fstab", ""),
        Dir("usr/lib/modules"), Dir(Modules), Dir(Modules + "/kernel"),
        Text(Modules + "/modules.dep", "kernel/virtio_net.ko: kernel/virtio.ko\nkernel/virtio.ko:\nkernel/virtio_pci.ko: kernel/virtio.ko\n"),
        File(Modules + "/kernel/virtio_net.ko", 10), File(Modules + "/kernel/virtio.ko", 10), File(Modules + "/kernel/virtio_pci.ko", 10),
    ];

    private static byte[] Elf(ushort machine)
    {
        var bytes = new byte[64];
        "\u007fELF"u8.CopyTo(bytes);
        BitConverter.GetBytes(machine).CopyTo(bytes, 18);
        return bytes;
    }

    private static IReadOnlyList<LintFinding> Check(IEnumerable<CpioEntry> final, IEnumerable<CpioEntry>? original = null, KernelSource? kernel = null, SourceInfo? source = null, long footprint = 100 << 20, string memory = "2G")
    {
        var recipe = RecipeLoader.Load(null) with { Memory = memory };
        var finalTree = new MutableTree(final);
        return BootabilityLint.Check(new LintInput(new MutableTree(original ?? finalTree.Entries()), finalTree, kernel ?? TreeKernel, recipe)
        {
            Source = source,
            FootprintBytes = footprint,
            MemoryBytes = ByteSize.TryParse(memory)!.Value.Bytes,
        });
    }

    [Test]
    public void A_bootable_tree_has_no_findings() => Check(Bootable()).Should().BeEmpty();

    [Test]
    public void No_init_is_an_error_naming_what_the_container_would_run()
    {
        var source = new SourceInfo { Kind = "oci", Reference = "oci-archive:app.tar", Digest = "sha256:0", Entries = 1, ContentBytes = 1, NewestMtime = 0, ImportSeconds = 0, Details = new Dictionary<string, string> { ["cmd"] = "[\"/bin/bash\"]" } };

        var finding = Check(Bootable().Where(e => e.Path != "usr/sbin/init"), source: source).Should().ContainSingle().Which;

        finding.Should().Match<LintFinding>(f => f.IsError && f.Code == "no-init" && f.Path == "/sbin/init");
        finding.Message.Should().Contain("is missing (the image runs [\"/bin/bash\"])");
        finding.Fix.Should().Contain("systemd-sysv");
    }

    [Test]
    public void A_dangling_init_link_is_an_error_naming_its_target() =>
        Check(Bootable().Where(e => e.Path != "usr/lib/systemd/systemd")).Should().ContainSingle(f => f.Code == "no-init")
            .Which.Message.Should().Contain("symbolic link to '../lib/systemd/systemd', which is not in the tree");

    [Test]
    public void An_init_built_for_another_machine_is_an_error()
    {
        var entries = Bootable().Select(e => e.Path == "usr/lib/systemd/systemd" ? e with { Content = new BytesContent(Elf(183)) } : e);

        Check(entries).Should().ContainSingle(f => f.Code == "init-arch").Which.Message.Should().Contain("aarch64");
    }

    [Test]
    public void An_init_that_is_not_systemd_is_a_warning()
    {
        var entries = Bootable().Where(e => e.Path != "usr/sbin/init").Append(Symlink("usr/sbin/init", "../bin/busybox")).Append(new CpioEntry("usr/bin/busybox", CpioEntryType.RegularFile, Convert.ToInt32("755", 8), 0, 0, Mtime) { Content = new BytesContent(Elf(62)) });

        Check(entries).Should().ContainSingle().Which.Should().Match<LintFinding>(f => !f.IsError && f.Code == "unknown-init" && f.Message.Contains("BusyBox init"));
    }

    [Test]
    public void No_kernel_and_none_given_is_an_error_saying_how_to_give_one() =>
        Check(Bootable(), kernel: new KernelSource(KernelSource.None, null, "none")).Should().ContainSingle()
            .Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "no-kernel" && f.Fix.Contains("\"kernel\": \"default\""));

    [Test]
    public void A_kernel_without_the_nic_s_modules_is_an_error()
    {
        Check(Bootable().Where(e => !e.Path.EndsWith("virtio_net.ko", StringComparison.Ordinal))).Should().ContainSingle()
            .Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "nic-modules" && f.Message.Contains("virtio_net"));
        Check(Bootable().Where(e => !e.Path.StartsWith("usr/lib/modules/", StringComparison.Ordinal))).Should().ContainSingle()
            .Which.Message.Should().Contain("is missing");
    }

    [Test]
    public void Nic_drivers_built_into_the_kernel_need_no_modules()
    {
        var entries = Bootable().Where(e => !e.Path.EndsWith(".ko", StringComparison.Ordinal) && !e.Path.EndsWith("modules.dep", StringComparison.Ordinal))
            .Append(Text(Modules + "/modules.dep", "")).Append(Text(Modules + "/modules.builtin", "kernel/drivers/net/virtio_net.ko\nkernel/drivers/virtio/virtio_pci.ko\n"));

        Check(entries).Should().BeEmpty();
    }

    [Test]
    public void No_ssh_server_is_an_error_and_dropbear_alone_is_not_enough()
    {
        Check(Bootable().Where(e => e.Path != "usr/sbin/sshd")).Should().ContainSingle().Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "no-ssh");
        Check(Bootable().Where(e => e.Path != "usr/sbin/sshd").Append(File("usr/sbin/dropbear", 10, "755"))).Should().ContainSingle()
            .Which.Message.Should().Contain("dropbear");
    }

    [Test]
    public void Root_login_refused_without_the_drop_in_folder_is_an_error()
    {
        var entries = Bootable().Where(e => e.Path != "etc/ssh/sshd_config").Append(Text("etc/ssh/sshd_config", "PermitRootLogin no\n"));

        Check(entries).Should().ContainSingle().Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "root-login");
    }

    [Test]
    public void An_initrd_release_is_an_error() =>
        Check(Bootable().Append(Text("etc/initrd-release", "NAME=dracut\n"))).Should().ContainSingle()
            .Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "initrd-release" && f.Path == "/etc/initrd-release");

    [Test]
    public void A_tree_too_big_for_the_memory_is_an_error_and_a_tight_one_a_warning()
    {
        Check(Bootable(), footprint: 950L << 20, memory: "1G").Should().ContainSingle().Which.Should().Match<LintFinding>(f => f.IsError && f.Code == "memory" && f.Fix.Contains("memory to 1792M"));
        Check(Bootable(), footprint: 600L << 20, memory: "1G").Should().ContainSingle().Which.Should().Match<LintFinding>(f => !f.IsError && f.Code == "memory");
        Check(Bootable(), footprint: 245L << 20, memory: "512M").Should().NotContain(f => f.IsError, "the default tree boots in 448 MiB (docs/2026-11-26-benchmark.md)");
    }

    [Test]
    public void Fstab_entries_needing_block_devices_are_a_warning_even_once_emptied() =>
        Check(Bootable(), original: Bootable().Where(e => e.Path != "etc/fstab").Append(Text("etc/fstab", "# comment\nUUID=0a1b / ext4 defaults 0 1\nproc /proc proc defaults 0 0\n")))
            .Should().ContainSingle().Which.Should().Match<LintFinding>(f => !f.IsError && f.Code == "fstab-block" && f.Message.Contains("had 1 entry that needs block devices") && f.Message.Contains("UUID=0a1b"));

    [Test]
    public void A_mount_unit_for_a_block_device_is_a_warning() =>
        Check(Bootable().Append(Dir("etc/systemd")).Append(Dir("etc/systemd/system")).Append(Text("etc/systemd/system/data.mount", "[Mount]\nWhat=/dev/vdb1\nWhere=/data\n")))
            .Should().ContainSingle().Which.Should().Match<LintFinding>(f => f.Code == "block-unit" && f.Path == "/etc/systemd/system/data.mount");

    [Test]
    public void No_networkd_is_a_warning() =>
        Check(Bootable().Where(e => !e.Path.Contains("networkd", StringComparison.Ordinal))).Should().ContainSingle()
            .Which.Should().Match<LintFinding>(f => !f.IsError && f.Code == "no-networkd");

    [Test]
    public void Xattrs_the_initramfs_drops_are_a_warning_naming_examples()
    {
        var source = new SourceInfo { Kind = "tar", Reference = "r.tar", Digest = "sha256:0", Entries = 1, ContentBytes = 1, NewestMtime = 0, ImportSeconds = 0, FilesWithXattrs = 2, XattrExamples = ["usr/bin/ping (security.capability)"] };

        Check(Bootable(), source: source).Should().ContainSingle().Which.Message.Should().Contain("usr/bin/ping (security.capability)");
    }

    [Test]
    public void Modules_of_another_kernel_are_a_warning() =>
        Check(Bootable().Append(Dir("usr/lib/modules/5.10.0-9-amd64")).Append(File("usr/lib/modules/5.10.0-9-amd64/x.ko", 2 << 20)))
            .Should().ContainSingle().Which.Should().Match<LintFinding>(f => f.Code == "other-modules" && f.Message.Contains("5.10.0-9-amd64 (2 MiB)"));

    [Test]
    public void Errors_stop_the_build_with_one_line_naming_the_input_and_several_with_one_line_each()
    {
        var recipe = RecipeLoader.Load(null);
        var one = new LintInput(new MutableTree(), new MutableTree(), TreeKernel, recipe) { Source = new SourceInfo { Kind = "tar", Reference = "/srv/r.tar", Digest = "sha256:0", Entries = 1, ContentBytes = 1, NewestMtime = 0, ImportSeconds = 0 } };
        LintFinding[] single = [LintFinding.Fails("no-init", "/sbin/init", "is missing", "install systemd-sysv")];
        LintFinding[] two = [.. single, LintFinding.Fails("no-ssh", "/usr/sbin/sshd", "is missing", "install openssh-server"), LintFinding.Warns("xattrs", "", "w", "f")];

        var first = () => BootabilityLint.ThrowOnErrors(one, single);
        var second = () => BootabilityLint.ThrowOnErrors(one, two);

        first.Should().Throw<BootTestsException>().Which.Should().Match<BootTestsException>(e => e.ExitCode == ExitCode.Usage && e.Stage == Stage.Lint
            && e.Message == "The tar source '/srv/r.tar' cannot boot as a RAM root: /sbin/init: is missing; fix: install systemd-sysv.");
        second.Should().Throw<BootTestsException>().Which.Message.Split('\n').Should().HaveCount(3);
        BootabilityLint.ThrowOnErrors(one, [LintFinding.Warns("xattrs", "", "w", "f")]);
    }
}
