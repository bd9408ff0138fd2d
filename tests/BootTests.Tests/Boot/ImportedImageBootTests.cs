using BootTests.Checks;
using BootTests.Images;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>
/// Images of imported trees boot to SSH under QEMU and pass every RAM-root check: an OCI image (a container tree with
/// the default kernel brought in, layers with a whiteout and an opaque directory) in the fast layout, and an ext4-on-GPT
/// disk in the seed layout (both layouts pack any tree the same way: the default image boots in each). One boot per fixture; every test looks at it.
/// </summary>
[TestFixture("oci", ImageLayout.Fast)]
[TestFixture("disk", ImageLayout.Seed)]
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class ImportedImageBootTests(string kind, ImageLayout layout)
{
    private ScratchDirectory scratch = null!;
    private BuiltImage image = null!;
    private BootSession session = null!;
    private IReadOnlyList<CheckResult> checks = [];

    [OneTimeSetUp]
    public async Task Build_and_boot_the_imported_image_once()
    {
        scratch = new ScratchDirectory("boottests-imported-boot-");
        var recipe = kind == "oci"
            ? ImportRecipes.Write(scratch.Path, "imported-oci", ImportRecipes.Oci($"oci:{await ImportInputs.OciLayoutAsync()}:v2"), kernel: "default")
            : ImportRecipes.Write(scratch.Path, "imported-disk", ImportRecipes.Disk(await ImportInputs.Ext4DiskAsync()));
        image = await new ImageBuilder(CacheDirectory.Default(), BootedVm.Log)
            .BuildAsync(recipe, new ImageBuildOptions { Layout = layout, Guestfs = await ImportInputs.GuestfsAsync() });
        session = await BootedVm.Session().WithImage(image).BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm()
    {
        if (session is not null) await session.DisposeAsync();
        scratch?.Dispose();
    }

    private async Task<string> RunAsync(string command)
    {
        var result = await session.Guest.RunAsync(command);
        result.ExitStatus.Should().Be(0, $"{command}: {result.Stderr}\n{BootedVm.Evidence(session)}");
        return result.Stdout.Trim();
    }

    [Test]
    public void Every_ram_root_check_passes()
    {
        checks.Select(c => c.Name).Should().Equal(RamRootChecks.All.Select(c => c.Name));
        checks.Where(c => !c.Passed).Should().BeEmpty(BootedVm.Evidence(session));
    }

    [Test]
    public void It_went_through_switch_root_to_ssh() =>
        session.Timeline.Reached.Select(m => m.Name).Should().ContainInOrder(
            [Milestones.KernelStart, Milestones.InitStart, Milestones.ExtractEnd, Milestones.SwitchRoot, Milestones.SystemdStart, Milestones.SshReady], BootedVm.Evidence(session));

    [Test]
    public async Task The_fix_ups_are_in_the_running_system()
    {
        (await RunAsync("cat /etc/hostname")).Should().Be("boottests");
        (await RunAsync("stat -c %s /etc/fstab")).Should().Be("0");
        (await RunAsync("ls /etc/ssh | grep ssh_host_ || true")).Split('\n').Should().BeEquivalentTo("ssh_host_ed25519_key", "ssh_host_ed25519_key.pub");
        (await RunAsync("passwd -S root | cut -d' ' -f2")).Should().Be("L");
        (await RunAsync("cat /etc/machine-id")).Should().NotBe("b08dfa6083e7567a1921a715000001fb", "the baked-in id was emptied, so this boot made its own");
        (await RunAsync("grep -l '^OPER_STATE=routable' /run/systemd/netif/links/* | wc -l")).Should().Be("1", "systemd-networkd took the NIC's address by DHCP");
    }

    [Test]
    public async Task The_kernel_runs_with_its_nic_module_from_the_tree()
    {
        var release = await RunAsync("uname -r");
        release.Should().Be(image.Manifest.KernelVersion);
        (await RunAsync($"test -f /lib/modules/{release}/kernel/drivers/net/virtio_net.ko && lsmod | grep -c '^virtio_net'")).Should().Be("1");
        (await RunAsync($"ls /lib/modules/{release}/kernel/drivers/net/ethernet 2>/dev/null | wc -l")).Should().Be("0", "the recipe asks only for the virtio modules");
    }

    [Test]
    public async Task The_oci_layers_are_applied_with_their_whiteout_and_opaque_folder()
    {
        if (kind != "oci")
        {
            (await RunAsync("ls /boot | grep -c initrd.img || true")).Should().Be("0", "the disk's own initrd image is removed");
            (await RunAsync($"ls {"/" + DistroTree.Fixture} | sort | tr '\\n' ' '")).Should().Be("olddir to-delete", "the disk holds the tree as it is");
            return;
        }
        (await RunAsync($"test ! -e /{DistroTree.Fixture}/to-delete && ls /{DistroTree.Fixture}/olddir")).Should().Be("new");
        (await RunAsync("cat /etc/motd")).Should().Be("changed by the second layer");
        (await RunAsync("test ! -e /.dockerenv && echo gone")).Should().Be("gone");
    }

    [Test]
    public void The_manifest_names_the_source_and_its_digest()
    {
        image.Manifest.Source!.Kind.Should().Be(kind);
        image.Manifest.Source.Digest.Should().StartWith("sha256:");
        image.Manifest.KernelOrigin.Should().Be(kind == "oci" ? "default" : "tree");
        image.Manifest.Layout.Should().Be(layout.Name());
    }
}
