using System.Diagnostics;
using System.Text.Json;

namespace BootTests.Images.Sources;

/// <summary>
/// A VM disk image (qcow2, raw, vmdk; partitions, LVM, ext4/XFS/btrfs) read the classic way with libguestfs: one
/// read-only guestfish process inspects it, mounts its filesystems as its fstab says and writes the tree out with
/// owners and xattrs. The format is told by qemu-img and passed explicitly; a backing file is refused.
/// </summary>
internal sealed class DiskSource(string path, string? format, string? root, GuestfsSettings guestfs, string cacheFolder, IProgress<string>? progress) : IRootfsSource
{
    public RootfsKind Kind => RootfsKind.Disk;
    public string Input => $"disk image '{path}'";
    public string Reference => path;

    public async Task<string?> DigestAsync(CancellationToken ct)
    {
        progress?.Report($"source: hashing {Input} ({new FileInfo(path).Length / 1048576.0:F0} MiB)");
        return "sha256:" + await ContentHash.OfFileAsync(path, ct);
    }

    public async Task<SourceRead> ReadAsync(string work, CancellationToken ct)
    {
        var link = Path.Combine(work, "disk");
        File.CreateSymbolicLink(link, path);
        var (detected, virtualBytes) = await InfoAsync(link, ct);
        var tar = Path.Combine(work, "raw.tar");
        string[] mount = root is null ? ["-i"] : ["-m", root];
        string[] arguments = ["--ro", "--format=" + detected, "-a", link, .. mount, "tar-out", "/", tar, "xattrs:true", "numericowner:true"];
        progress?.Report($"source: reading {Input} ({detected}, {virtualBytes / 1048576.0:F0} MiB) with libguestfs under {guestfs.Accelerator}; its appliance takes about 15-60 s to start");
        // libguestfs needs its cache folder to exist; it builds the appliance there on first use.
        Directory.CreateDirectory(cacheFolder);
        var clock = Stopwatch.StartNew();
        SourceToolResult result;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var watch = WatchAsync(tar, clock, stop.Token);
            // Its temporary files go in the work folder, so even a killed read leaves them where the next build deletes them.
            result = await SourceTool.RunAsync("guestfish", arguments, ct, new Dictionary<string, string?>(guestfs.Environment(cacheFolder)) { ["TMPDIR"] = work });
            await stop.CancelAsync();
            await watch;
        }
        if (result.ExitCode != 0) throw Refused(result, arguments);
        progress?.Report($"source: libguestfs wrote {new FileInfo(tar).Length / 1048576.0:F0} MiB of tree in {clock.Elapsed.TotalSeconds:F1} s");
        // mkfs leaves lost+found at each filesystem's root; XFS shows every ACL a second time as trusted.SGI_ACL_*.
        var tree = TreeReader.Read(tar, Input,
            drop: p => p == "lost+found" || p.StartsWith("lost+found/", StringComparison.Ordinal) || p == "boot/lost+found" || p.StartsWith("boot/lost+found/", StringComparison.Ordinal),
            ignoredXattr: n => n.StartsWith("trusted.SGI_ACL_", StringComparison.Ordinal));
        return new SourceRead(tree, new Dictionary<string, string>
        {
            ["format"] = detected,
            ["root"] = root ?? "inspected (guestfish -i)",
            ["libguestfsSeconds"] = clock.Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
            ["libguestfsAccelerator"] = guestfs.Accelerator,
        });
    }

    private async Task<(string Format, long VirtualBytes)> InfoAsync(string link, CancellationToken ct)
    {
        List<string> arguments = ["info", "--output=json", .. format is null ? Array.Empty<string>() : ["-f", format], link];
        var result = await SourceTool.RunAsync("qemu-img", arguments, ct);
        if (result.ExitCode != 0)
            throw TreeReader.Bad(Input, $"cannot be read as a disk image: qemu-img says '{result.ErrorLine}'", format is null ? "check the file" : $"check that it is {format} (or leave 'format' out for qemu-img to tell)");
        using var json = JsonDocument.Parse(result.Stdout);
        var info = json.RootElement;
        if (info.TryGetProperty("backing-filename", out var backing))
            throw TreeReader.Bad(Input, $"has a backing file ('{backing.GetString()}'), which is not read", "flatten it first: qemu-img convert -O qcow2 DISK flat.qcow2");
        return (info.GetProperty("format").GetString()!, info.GetProperty("virtual-size").GetInt64());
    }

    private async Task WatchAsync(string tar, Stopwatch clock, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                var bytes = File.Exists(tar) ? new FileInfo(tar).Length : 0;
                progress?.Report(bytes == 0
                    ? $"source: libguestfs appliance starting ({clock.Elapsed.TotalSeconds:F0} s)"
                    : $"source: libguestfs has written {bytes / 1048576.0:F0} MiB of tree ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private BootTestsException Refused(SourceToolResult result, IReadOnlyList<string> arguments)
    {
        var said = string.Join(" ", result.Stderr);
        if (said.Contains("no operating system was found", StringComparison.Ordinal))
        {
            return TreeReader.Bad(Input, "has no Linux root that libguestfs's inspection finds (it looks for a filesystem with /etc, /bin, and /etc/fstab or /etc/hosts)",
                "if the root is there, name it in the recipe, e.g. \"rootfs\": { \"kind\": \"disk\", \"path\": …, \"root\": \"/dev/sda1\" } (`virt-filesystems -a DISK` lists the filesystems)");
        }
        if (said.Contains("multi-boot", StringComparison.Ordinal))
            return TreeReader.Bad(Input, "holds more than one operating system", "name the one to boot with \"root\": \"/dev/…\" in the recipe's rootfs");
        if (root is not null && (said.Contains("mount", StringComparison.Ordinal) || said.Contains("No such file", StringComparison.Ordinal)))
            return TreeReader.Bad(Input, $"has no filesystem libguestfs can mount at '{root}': {result.ErrorLine}", "check the device with `virt-filesystems -a DISK`");
        return SourceTool.Failed("guestfish", arguments, result, "Run `libguestfs-test-tool` to see whether libguestfs works on this host (it needs a kernel in /boot: apt-get install linux-image-amd64).");
    }
}
