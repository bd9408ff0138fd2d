using System.Text;
using BootTests.Images;
using BootTests.Images.Rootfs;
using BootTests.Images.Sources;
using BootTests.Qemu;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.TestKit;

/// <summary>
/// Real inputs for the rootfs-source tests, made here from the cached default rootfs with Debian's own tools (never
/// downloaded): a distribution-like tar, its .tar.zst, its unpacked folder, a `docker export`-style tar, an OCI layout
/// with two layers (a whiteout and an opaque directory), a docker-archive, an ext4-on-GPT qcow2 and an LVM+XFS qcow2.
/// Each is made once per content of the default rootfs and kept in the cache's test-inputs/ folder (built in a temporary
/// folder and renamed into place, under the cache's lock), so a run makes only what changed.
/// </summary>
internal static class ImportInputs
{
    // Bump when an input is made differently.
    private const string Version = "inputs-v2";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Made = [];

    public static string Folder => CacheDirectory.Default().TestInputsFolder;

    /// <summary>libguestfs as the tests run it: the accelerator decision of the boots (force_tcg where KVM cannot run Linux), the shared appliance cache.</summary>
    public static async Task<GuestfsSettings> GuestfsAsync()
    {
        var cache = CacheDirectory.Default();
        var (verdict, _) = await AcceleratorProbe.VerdictAsync(new AcceleratorProbeOptions { CacheFile = cache.AcceleratorFile, Kernel = ProbeKernel.Find(cache) });
        return new GuestfsSettings(ForceTcg: !verdict.Works) { CacheFolder = cache.LibguestfsFolder };
    }

    /// <summary>A stock-looking Debian tree with its kernel in /boot, as one tar ("./" names, PAX, xattrs).</summary>
    public static Task<string> DistroTarAsync() => MakeAsync("distro", "distro.tar", async (rootfs, file, _) => DistroTree.Write(rootfs.TarPath, file, container: false));

    /// <summary>The same, compressed with zstd -3 as a distribution's root.tar.zst would be.</summary>
    public static Task<string> DistroTarZstAsync() => MakeAsync("distro-zst", "distro.tar.zst", async (_, file, work) =>
        await RunAsync("zstd", ["-q", "-3", "-T2", "-o", file, "--", await DistroTarAsync()]));

    /// <summary>The same tree unpacked into a folder by GNU tar as root (owners, devices, xattrs).</summary>
    public static Task<string> DistroFolderAsync() => MakeAsync("distro-dir", "tree", async (_, folder, _) =>
    {
        HostTools.IsRoot.Should().BeTrue("a folder source with device nodes and root-owned files is made (and read) as root");
        Directory.CreateDirectory(folder);
        await RunAsync("tar", ["-x", "-p", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-f", await DistroTarAsync(), "-C", folder]);
    });

    /// <summary>What `docker export` of a Debian container with systemd and sshd writes: no kernel, no modules, /.dockerenv, names without "./".</summary>
    public static Task<string> ContainerTarAsync() => MakeAsync("container", "container.tar", async (rootfs, file, _) => DistroTree.Write(rootfs.TarPath, file, container: true));

    /// <summary>The distribution tree without /usr/sbin/init (so /sbin/init is missing), and nothing else wrong.</summary>
    public static Task<string> NoInitTarAsync() => MakeAsync("no-init", "no-init.tar", async (rootfs, file, _) => DistroTree.Write(rootfs.TarPath, file, container: false, withoutInit: true));

    /// <summary>An OCI image layout made by umoci: tag "v2" has the container tree as layer 1 and a whiteout plus an opaque directory in layer 2.</summary>
    public static Task<string> OciLayoutAsync() => MakeAsync("oci", "layout", async (_, layout, work) =>
    {
        var second = Path.Combine(work, "layer-2.tar");
        DistroTree.WriteWhiteoutLayer(second);
        await RunAsync("umoci", ["init", "--layout", layout]);
        await RunAsync("umoci", ["new", "--image", layout + ":empty"]);
        await RunAsync("umoci", ["raw", "add-layer", "--image", layout + ":empty", "--tag", "v1", "--history.created_by", "docker export of a Debian container", await ContainerTarAsync()]);
        await RunAsync("umoci", ["raw", "add-layer", "--image", layout + ":v1", "--tag", "v2", "--history.created_by", "a whiteout and an opaque directory", second]);
        await RunAsync("umoci", ["config", "--image", layout + ":v2", "--config.cmd", "/bin/bash"]);
        await RunAsync("umoci", ["rm", "--image", layout + ":empty"]);
    });

    /// <summary>The OCI image's tag v2 as `docker save` writes it (skopeo's docker-archive: uncompressed layers named by digest).</summary>
    public static Task<string> DockerArchiveAsync() => MakeAsync("docker-archive", "image.tar", async (_, file, _) =>
        await RunAsync("skopeo", ["copy", "--quiet", $"oci:{await OciLayoutAsync()}:v2", $"docker-archive:{file}:localhost/boottests:v2"]));

    /// <summary>A qcow2 disk: GPT with one ext4 partition holding the distribution tree, made without libguestfs (mkfs.ext4 -d, sfdisk, qemu-img).</summary>
    public static Task<string> Ext4DiskAsync() => MakeAsync("disk-ext4", "disk.qcow2", async (_, file, work) =>
        await Ext4DiskOfAsync(await DistroFolderAsync(), file, work, DistroTree.RootUuid));

    /// <summary>A qcow2 disk: GPT, an ext4 /boot partition and an LVM volume group whose root volume is XFS, made with guestfish (once: about a minute under TCG).</summary>
    public static Task<string> LvmXfsDiskAsync() => MakeAsync("disk-lvm-xfs", "disk.qcow2", async (_, file, work) =>
    {
        var script = $"""
            disk-create {file} qcow2 768M
            add {file} format:qcow2
            run
            part-init /dev/sda gpt
            part-add /dev/sda p 2048 264191
            part-add /dev/sda p 264192 -2048
            mkfs ext4 /dev/sda1 label:boot
            pvcreate /dev/sda2
            vgcreate vg0 /dev/sda2
            lvcreate-free root vg0 100
            mkfs xfs /dev/vg0/root label:root
            mount /dev/vg0/root /
            mkdir /boot
            mount /dev/sda1 /boot
            tar-in {await DistroTarAsync()} / xattrs:true
            write /etc/fstab "/dev/vg0/root / xfs defaults 0 1\nLABEL=boot /boot ext4 defaults 0 2\n"
            write /boot/marker-on-boot-partition "on the boot partition\n"
            umount-all
            """;
        var scriptFile = Path.Combine(work, "make.guestfish");
        await File.WriteAllTextAsync(scriptFile, script);
        var guestfs = await GuestfsAsync();
        Directory.CreateDirectory(guestfs.CacheFolder!);
        await RunAsync("guestfish", ["-f", scriptFile], guestfs.Environment(guestfs.CacheFolder!));
    });

    /// <summary>A GPT qcow2 with one ext4 filesystem made from <paramref name="tree"/> (mkfs.ext4 -d, no mount, no loop device).</summary>
    public static async Task Ext4DiskOfAsync(string tree, string qcow2, string work, string uuid)
    {
        var treeBytes = Directory.EnumerateFiles(tree, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Sum(f => new FileInfo(f).LinkTarget is null ? new FileInfo(f).Length : 0);
        var mib = (treeBytes >> 20) * 3 / 2 + 64;
        var partition = Path.Combine(work, "root.ext4");
        var raw = Path.Combine(work, "disk.raw");
        await RunAsync("mkfs.ext4", ["-q", "-F", "-L", "root", "-U", uuid, "-E", "root_owner=0:0", "-d", tree, partition, $"{mib}M"]);
        await using (var disk = new FileStream(raw, FileMode.CreateNew))
            disk.SetLength((mib + 2) << 20);
        await RunAsync("sfdisk", ["-q", raw], stdin: $"label: gpt\nstart=2048, size={mib * 2048}, type=linux, name=\"root\"\n");
        await RunAsync("dd", [$"if={partition}", $"of={raw}", "bs=1M", "seek=1", "conv=notrunc,sparse", "status=none"]);
        File.Delete(partition);
        await RunAsync("qemu-img", ["convert", "-O", "qcow2", raw, qcow2]);
        File.Delete(raw);
    }

    /// <summary>Makes an input once: under the cache lock, in a temporary folder renamed into place; keyed by the default rootfs and this kit's version.</summary>
    private static async Task<string> MakeAsync(string name, string fileName, Func<RootfsArtifact, string, string, Task> make)
    {
        var rootfs = await new RootfsBuilder(CacheDirectory.Default(), BootedVm.Log).BuildAsync(DefaultImages.Recipe, noCache: false, CancellationToken.None);
        var key = ContentHash.OfParts(Version, rootfs.Key, rootfs.HostKeyFingerprint, name)[..16];
        var folder = Path.Combine(Folder, $"{name}-{key}");
        var result = Path.Combine(folder, fileName);
        await Gate.WaitAsync();
        try
        {
            if (Made.TryGetValue(folder, out var known)) return known;
        }
        finally
        {
            Gate.Release();
        }
        using (await CacheLock.AcquireAsync(folder, BootedVm.Log, CancellationToken.None))
        {
            if (!File.Exists(Path.Combine(folder, ".done")))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var temp = CacheDirectory.TemporarySibling(folder);
                try
                {
                    var work = Directory.CreateDirectory(Path.Combine(temp, ".work")).FullName;
                    await make(rootfs, Path.Combine(temp, fileName), work);
                    Directory.Delete(work, recursive: true);
                    await File.WriteAllTextAsync(Path.Combine(temp, ".done"), $"made in {clock.Elapsed.TotalSeconds:F1} s\n");
                    CacheDirectory.Publish(temp, folder);
                    TestContext.Progress.WriteLine($"test input {name}: made in {clock.Elapsed.TotalSeconds:F1} s ({result})");
                    DeleteOlder(name, folder);
                }
                finally
                {
                    CacheDirectory.DeleteQuietly(temp);
                }
            }
        }
        await Gate.WaitAsync();
        try
        {
            Made[folder] = result;
        }
        finally
        {
            Gate.Release();
        }
        return result;
    }

    // Inputs made from an older default rootfs or kit version are never used again.
    private static void DeleteOlder(string name, string current)
    {
        foreach (var older in Directory.GetDirectories(Folder, name + "-*"))
        {
            var key = Path.GetFileName(older)[(name.Length + 1)..];
            if (older != current && key.Length == 16 && key.All(char.IsAsciiHexDigitLower) && !CacheLock.IsHeld(older)) CacheDirectory.DeleteQuietly(older);
        }
    }

    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var command = CliWrap.Cli.Wrap(program).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        if (environment is not null) command = command.WithEnvironmentVariables(environment);
        if (stdin is not null) command = command.WithStandardInputPipe(PipeSource.FromString(stdin, Encoding.UTF8));
        var result = await command.ExecuteBufferedAsync();
        result.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} made a test input: {result.StandardError}{result.StandardOutput}");
    }
}
