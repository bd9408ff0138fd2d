using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Fixups;
using static BootTests.Tests.TestKit.TreeEntries;

namespace BootTests.Tests.Images.Fixups;

/// <summary>Each classic fix-up does its step on a tree that needs it, and says "not needed" (changing nothing) on a tree that has it.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class FixupTests
{
    private static readonly FixupContext Context = new("boottests", "en* eth*", "PRIVATE\n"u8.ToArray(), "ssh-ed25519 AAAA host\n"u8.ToArray(), "ssh-ed25519 AAAA client\n"u8.ToArray());

    /// <summary>A merged-/usr Debian tree with systemd, sshd, udev and networkd, as a distribution installs it (no fix-ups done).</summary>
    private static List<CpioEntry> Stock() =>
    [
        .. MergedUsr(),
        Dir("usr/lib/systemd/system"), Dir("etc/ssh"), Dir("etc/systemd"), Dir("etc/systemd/system"), Dir("dev"), Dir("proc"), Dir("sys"), Dir("run"), Dir("tmp"),
        Text("etc/fstab", "UUID=0a1b / ext4 errors=remount-ro 0 1\nUUID=0c2d /boot ext2 defaults 0 2\n"),
        Text("etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n"),
        Text("etc/machine-id", "b08dfa6083e7567a1921a715000001fb\n"),
        Text("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"),
        Text("etc/shadow", "root:$y$j9T$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "640"),
        File("usr/sbin/sshd", 100, "755"),
        Text("etc/ssh/ssh_host_rsa_key", "baked\n", "600"), Text("etc/ssh/ssh_host_ed25519_key", "baked\n", "600"),
        Text("usr/lib/systemd/system/ssh.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n[Install]\nWantedBy=multi-user.target\nAlias=sshd.service\n"),
        Text("usr/lib/systemd/system/systemd-networkd.service", "[Install]\nWantedBy=multi-user.target\nAlso=systemd-networkd.socket\nAlias=dbus-org.freedesktop.network1.service\n"),
        Text("usr/lib/systemd/system/systemd-networkd.socket", "[Install]\nWantedBy=sockets.target\n"),
        File("usr/lib/systemd/systemd-udevd", 100, "755"),
        Dir("boot"), File("boot/vmlinuz-6.1.0-57-amd64", 100), File("boot/initrd.img-6.1.0-57-amd64", 5000),
        Text(".dockerenv", ""),
    ];

    private static (MutableTree Tree, FixupOutcome Outcome) Apply(ITreeFixup fixup, IEnumerable<CpioEntry> entries)
    {
        var tree = new MutableTree(entries);
        return (tree, fixup.Apply(new TreeEdit(tree, Mtime), Context));
    }

    /// <summary>Applies the fix-up twice: the first time it is done, the second time not needed, and the tree no longer changes.</summary>
    private static MutableTree DoneThenNotNeeded(ITreeFixup fixup, IEnumerable<CpioEntry>? entries = null)
    {
        var (tree, first) = Apply(fixup, entries ?? Stock());
        first.Result.Should().Be(FixupOutcome.Done, first.ToString());
        var before = tree.Entries().Select(e => e with { }).ToList();
        var second = fixup.Apply(new TreeEdit(tree, Mtime), Context);
        second.Result.Should().Be(FixupOutcome.NotNeeded, second.ToString());
        tree.Entries().Should().BeEquivalentTo(before, "a fix-up that is not needed changes nothing");
        return tree;
    }

    [Test]
    public void Fstab_is_emptied_and_its_entries_are_named()
    {
        var (tree, outcome) = Apply(new FstabFixup(), Stock());

        outcome.Detail.Should().Contain("2 entries").And.Contain("UUID=0a1b /");
        tree.ReadText("etc/fstab").Should().BeEmpty();
        DoneThenNotNeeded(new FstabFixup());
    }

    [Test]
    public void Selinux_is_disabled() =>
        DoneThenNotNeeded(new SelinuxFixup()).ReadText("etc/selinux/config").Should().Be(SelinuxFixup.Config);

    [Test]
    public void The_getty_drop_in_is_written_where_systemd_is_and_skipped_where_it_is_not()
    {
        DoneThenNotNeeded(new GettyNoclearFixup()).ReadText(GettyNoclearFixup.Path).Should().Be(GettyNoclearFixup.Content);
        Apply(new GettyNoclearFixup(), Stock().Where(e => e.Path != "usr/lib/systemd/systemd")).Outcome.Result.Should().Be(FixupOutcome.NotApplicable);
    }

    [Test]
    public void Missing_mount_points_are_made_folders()
    {
        var tree = DoneThenNotNeeded(new MountPointsFixup(), Stock().Where(e => e.Path is not ("dev" or "proc" or "tmp")));

        tree.Get("dev")!.Type.Should().Be(CpioEntryType.Directory);
        tree.Get("tmp")!.Permissions.Should().Be(Convert.ToInt32("1777", 8));
    }

    [Test]
    public void The_machine_id_is_emptied_and_dbus_s_copy_removed()
    {
        var tree = DoneThenNotNeeded(new MachineIdFixup(), [.. Stock(), Dir("var"), Dir("var/lib"), Dir("var/lib/dbus"), Text("var/lib/dbus/machine-id", "b08d\n")]);

        tree.ReadText("etc/machine-id").Should().BeEmpty();
        tree.Contains("var/lib/dbus/machine-id").Should().BeFalse();
    }

    [Test]
    public void The_hostname_is_the_recipe_s() =>
        DoneThenNotNeeded(new HostnameFixup()).ReadText("etc/hostname").Should().Be("boottests\n");

    [Test]
    public void Networkd_gets_a_dhcp_network_and_is_enabled_as_systemctl_would()
    {
        var tree = DoneThenNotNeeded(new NetworkFixup());

        tree.ReadText(NetworkFixup.Path).Should().Be("[Match]\nName=en* eth*\n\n[Network]\nDHCP=ipv4\n");
        tree.Get("etc/systemd/system/multi-user.target.wants/systemd-networkd.service")!.LinkTarget.Should().Be("/lib/systemd/system/systemd-networkd.service");
        tree.Get("etc/systemd/system/sockets.target.wants/systemd-networkd.socket")!.LinkTarget.Should().Be("/lib/systemd/system/systemd-networkd.socket");
        tree.Get("etc/systemd/system/dbus-org.freedesktop.network1.service")!.LinkTarget.Should().Be("/lib/systemd/system/systemd-networkd.service");
        Apply(new NetworkFixup(), Stock().Where(e => !e.Path.Contains("networkd", StringComparison.Ordinal))).Outcome.Result.Should().Be(FixupOutcome.NotApplicable);
    }

    [Test]
    public void The_image_s_host_key_replaces_the_baked_in_ones()
    {
        var tree = DoneThenNotNeeded(new SshHostKeyFixup());

        tree.Contains("etc/ssh/ssh_host_rsa_key").Should().BeFalse();
        tree.ReadText("etc/ssh/ssh_host_ed25519_key").Should().Be("PRIVATE\n");
        tree.Get("etc/ssh/ssh_host_ed25519_key")!.Permissions.Should().Be(Convert.ToInt32("600", 8));
        tree.ReadText(SshHostKeyFixup.DropIn).Should().Contain("PermitRootLogin prohibit-password");
    }

    [Test]
    public void Root_s_authorized_keys_hold_the_client_key_with_owner_only_modes()
    {
        var tree = DoneThenNotNeeded(new AuthorizedKeysFixup());

        tree.ReadText("root/.ssh/authorized_keys").Should().Be("ssh-ed25519 AAAA client\n");
        tree.Get("root/.ssh")!.Permissions.Should().Be(Convert.ToInt32("700", 8));
        tree.Get("root/.ssh/authorized_keys")!.Permissions.Should().Be(Convert.ToInt32("600", 8));
    }

    [Test]
    public void Root_s_password_is_locked_keeping_the_shadow_file_s_mode()
    {
        var tree = DoneThenNotNeeded(new RootPasswordFixup());

        tree.ReadText("etc/shadow").Should().StartWith("root:!$y$j9T$hash:").And.Contain("daemon:*:");
        tree.Get("etc/shadow")!.Permissions.Should().Be(Convert.ToInt32("640", 8));
    }

    [Test]
    public void Sshd_is_enabled_when_the_image_installed_it_disabled()
    {
        var tree = DoneThenNotNeeded(new SshEnableFixup());

        tree.Get("etc/systemd/system/multi-user.target.wants/ssh.service")!.LinkTarget.Should().Be("/lib/systemd/system/ssh.service");
        tree.Get("etc/systemd/system/sshd.service")!.LinkTarget.Should().Be("/lib/systemd/system/ssh.service");
    }

    [Test]
    public void Without_udev_systemd_modules_load_gets_the_nic_modules()
    {
        var tree = DoneThenNotNeeded(new ModulesLoadFixup(), Stock().Where(e => e.Path != "usr/lib/systemd/systemd-udevd"));

        tree.ReadText(ModulesLoadFixup.Path).Should().Be("virtio_net\nvirtio_pci\n");
        Apply(new ModulesLoadFixup(), Stock()).Outcome.Result.Should().Be(FixupOutcome.NotNeeded, "udev loads them");
    }

    [Test]
    public void The_tree_s_own_initrd_images_are_removed_but_the_kernel_stays()
    {
        var tree = DoneThenNotNeeded(new BootInitrdFixup());

        tree.Contains("boot/initrd.img-6.1.0-57-amd64").Should().BeFalse();
        tree.Contains("boot/vmlinuz-6.1.0-57-amd64").Should().BeTrue();
    }

    [Test]
    public void Docker_s_marker_is_removed() =>
        DoneThenNotNeeded(new ContainerMarkersFixup()).Contains(".dockerenv").Should().BeFalse();

    [Test]
    public void A_write_goes_through_the_tree_s_own_absolute_link_not_the_host_s()
    {
        var tree = new MutableTree([.. Stock().Where(e => !e.Path.StartsWith("etc/selinux", StringComparison.Ordinal)), Dir("usr/share"), Dir("usr/share/selinux"), Symlink("etc/selinux", "/usr/share/selinux")]);

        new SelinuxFixup().Apply(new TreeEdit(tree, Mtime), Context);

        tree.ReadText("usr/share/selinux/config").Should().Be(SelinuxFixup.Config);
        tree.Get("etc/selinux")!.Type.Should().Be(CpioEntryType.SymbolicLink);
    }

    [Test]
    public void The_fix_ups_a_stock_tree_needs_are_done_and_on_their_own_result_none_is_needed()
    {
        var tree = new MutableTree(Stock());
        var first = RootfsFixups.Apply(tree, Context, Mtime);
        var second = RootfsFixups.Apply(tree, Context, Mtime);

        first.Where(o => o.Result == FixupOutcome.Done).Select(o => o.Name).Should().Equal(
            "fstab", "selinux", "getty-noclear", "machine-id", "hostname", "network", "ssh-host-key", "authorized-keys", "root-password", "ssh-enabled", "boot-initrd", "container-markers");
        first.Where(o => o.Result != FixupOutcome.Done).Select(o => o.Name).Should().Equal(["devtmpfs", "nic-modules"], "the stock tree has its mount points and udev");
        second.Where(o => o.Result != FixupOutcome.NotNeeded).Should().BeEmpty();
        first.Select(o => o.Name).Should().OnlyHaveUniqueItems();
    }
}
