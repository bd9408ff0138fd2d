using BootTests.Images.Cpio;
using ZstdSharp;

namespace BootTests.Images.Payloads;

/// <summary>
/// The fast layout: a plain newc cpio holding a directory skeleton tar and zstd-compressed tar parts of ~32 MiB,
/// which /init unpacks with Debian's zstd (carried in with its libraries) on every CPU at once, deleting each part
/// as soon as it is unpacked.
/// </summary>
/// <remarks>
/// Why not let the kernel unpack the tree (a zstd cpio)? The kernel unpacks into rootfs, a tmpfs capped at half the
/// guest's memory, so the tree would need twice its size in RAM; here rootfs only ever holds compressed parts.
/// Why not BusyBox's own decompressors? Built for size, they crawl under TCG: gzip parts took ~20 s and lzop parts
/// ~16 s for the default tree, where the real zstd unpacks it in a few seconds.
/// </remarks>
public static class FastPayload
{
    public const long PartBytes = 32L << 20;
    public const int ZstdLevel = 3;
    public const string Zstd = "/usr/bin/zstd";

    public static async Task WriteAsync(RootfsTree tree, string initScript, long mtime, string workFolder, string initramfsPath, IProgress<string>? progress, CancellationToken ct)
    {
        var zstd = await HostProgram.ResolveAsync(Zstd, ct);
        var partition = FastPartition.Of(tree.Entries, PartBytes);
        var payload = Directory.CreateDirectory(Path.Combine(workFolder, "payload")).FullName;
        var parts = partition.Parts.Select((part, i) => (Name: $"part-{i + 1:D3}.tar.zst", Entries: part)).ToList();
        progress?.Report($"image: writing the skeleton and {parts.Count} zstd -{ZstdLevel} tar parts on {Environment.ProcessorCount} threads");

        using (var skeleton = new FileStream(Path.Combine(payload, "skeleton.tar"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            TreeTarWriter.Write(skeleton, partition.Skeleton, mtime);
        // Biggest first keeps every core busy to the end.
        await Parallel.ForEachAsync(
            parts.OrderByDescending(p => p.Entries.Sum(e => e.Content?.Length ?? 0)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            (part, _) =>
            {
                using var output = new FileStream(Path.Combine(payload, part.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                using var compressed = new CompressionStream(output, ZstdLevel, 1 << 20);
                TreeTarWriter.Write(compressed, part.Entries, mtime);
                return ValueTask.CompletedTask;
            });

        var entries = InitramfsBase.Entries(initScript, mtime);
        entries.AddRange(zstd.Entries(mtime).Where(e => entries.All(existing => existing.Path != e.Path)));
        entries.Add(new CpioEntry("payload", CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, mtime));
        foreach (var path in Directory.GetFiles(payload).Order(StringComparer.Ordinal))
        {
            entries.Add(new CpioEntry($"payload/{Path.GetFileName(path)}", CpioEntryType.RegularFile, Convert.ToInt32("644", 8), 0, 0, mtime)
            {
                Content = new FileRangeContent(path, 0, new FileInfo(path).Length),
            });
        }
        progress?.Report("image: writing the cpio");
        await using var stream = new FileStream(initramfsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        CpioNewcWriter.Write(stream, entries, new CpioWriteOptions(mtime));
    }
}
