using BootTests.Images.Cpio;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace BootTests.Images.Payloads;

/// <summary>
/// The fast layout: a zstd-compressed newc cpio (the kernel decompresses it, quickly and before /init) holding a
/// directory skeleton tar and plain tar parts of ~32 MiB, which /init unpacks on every CPU, deleting each as it goes.
/// </summary>
public static class FastPayload
{
    public const long PartBytes = 32L << 20;
    public const int ZstdLevel = 3;

    public static async Task WriteAsync(RootfsTree tree, string initScript, long mtime, string workFolder, string initramfsPath, IProgress<string>? progress, CancellationToken ct)
    {
        var partition = FastPartition.Of(tree.Entries, PartBytes);
        var payload = Directory.CreateDirectory(Path.Combine(workFolder, "payload")).FullName;
        var files = new List<(string Name, IReadOnlyList<CpioEntry> Entries)> { ("skeleton.tar", partition.Skeleton) };
        files.AddRange(partition.Parts.Select((part, i) => ($"part-{i + 1:D3}.tar", part)));
        progress?.Report($"image: writing the skeleton and {partition.Parts.Count} tar parts");

        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            (file, _) =>
            {
                using var output = new FileStream(Path.Combine(payload, file.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                TreeTarWriter.Write(output, file.Entries, mtime);
                return ValueTask.CompletedTask;
            });

        var entries = InitramfsBase.Entries(initScript, mtime);
        entries.Add(new CpioEntry("payload", CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, mtime));
        foreach (var (name, _) in files)
        {
            var path = Path.Combine(payload, name);
            entries.Add(new CpioEntry($"payload/{name}", CpioEntryType.RegularFile, Convert.ToInt32("644", 8), 0, 0, mtime)
            {
                Content = new FileRangeContent(path, 0, new FileInfo(path).Length),
            });
        }
        progress?.Report($"image: writing the zstd -{ZstdLevel} cpio on {Environment.ProcessorCount} threads");
        await using var stream = new FileStream(initramfsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        await using var zstd = new CompressionStream(stream, ZstdLevel, 1 << 20);
        zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, Environment.ProcessorCount);
        CpioNewcWriter.Write(zstd, entries, new CpioWriteOptions(mtime));
    }
}
