using System.IO.Compression;
using BootTests.Images.Cpio;

namespace BootTests.Images.Payloads;

/// <summary>The fast layout: a skeleton tar and gzip -1 tar parts of ~32 MiB each, compressed in parallel, in a plain newc cpio.</summary>
public static class FastPayload
{
    public const long PartBytes = 32L << 20;

    public static async Task WriteAsync(RootfsTree tree, string initScript, long mtime, string workFolder, string initramfsPath, IProgress<string>? progress, CancellationToken ct)
    {
        var partition = FastPartition.Of(tree.Entries, PartBytes);
        var payload = Directory.CreateDirectory(Path.Combine(workFolder, "payload")).FullName;
        var files = new List<(string Name, IReadOnlyList<CpioEntry> Entries)> { ("skeleton.tar.gz", partition.Skeleton) };
        files.AddRange(partition.Parts.Select((part, i) => ($"part-{i + 1:D3}.tar.gz", part)));
        progress?.Report($"image: writing {partition.Parts.Count} gzip -1 parts on {Environment.ProcessorCount} threads");

        // Biggest first keeps every core busy to the end.
        await Parallel.ForEachAsync(
            files.OrderByDescending(f => f.Entries.Sum(e => e.Content?.Length ?? 0)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            (file, _) =>
            {
                using var output = new FileStream(Path.Combine(payload, file.Name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
                using var gzip = new GZipStream(output, CompressionLevel.Fastest);
                TreeTarWriter.Write(gzip, file.Entries, mtime);
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
        progress?.Report("image: writing the cpio");
        await using var stream = new FileStream(initramfsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        CpioNewcWriter.Write(stream, entries, new CpioWriteOptions(mtime));
    }
}
