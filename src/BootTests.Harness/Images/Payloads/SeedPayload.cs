using System.IO.Compression;
using BootTests.Images.Cpio;
using CliWrap;

namespace BootTests.Images.Payloads;

/// <summary>The classic layout: init, bin/busybox and rootfs.tar.xz (single-threaded xz, crc32) in a gzip -9 newc cpio.</summary>
public static class SeedPayload
{
    public static async Task WriteAsync(RootfsTree tree, string initScript, long mtime, string workFolder, string initramfsPath, IProgress<string>? progress, CancellationToken ct)
    {
        var xzPath = Path.Combine(workFolder, "rootfs.tar.xz");
        progress?.Report("image: compressing rootfs.tar.xz with xz -6, one thread (the classic way; this is the slow step)");
        await using (var xzFile = new FileStream(xzPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var result = await Cli.Wrap("xz")
                .WithArguments(["-T1", "-6", "--check=crc32", "-c"])
                // The tar is written on its own thread: a synchronous writer would run inline, before CliWrap starts
                // draining xz's stdout, so xz would fill its 64 KiB stdout pipe and both would wait forever.
                .WithStandardInputPipe(PipeSource.Create((stdin, token) =>
                    Task.Run(() => TreeTarWriter.Write(stdin, tree.Entries.OrderBy(e => e.Path, StringComparer.Ordinal), mtime), token)))
                .WithStandardOutputPipe(PipeTarget.ToStream(xzFile))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(ct);
            if (result.ExitCode != 0)
                throw BootTestsException.Environment(Stage.Image, $"xz exited with {result.ExitCode} while compressing {xzPath}.");
        }

        var entries = InitramfsBase.Entries(initScript, mtime);
        entries.Add(new CpioEntry("rootfs.tar.xz", CpioEntryType.RegularFile, Convert.ToInt32("644", 8), 0, 0, mtime)
        {
            Content = new FileRangeContent(xzPath, 0, new FileInfo(xzPath).Length),
        });
        progress?.Report("image: writing the gzip -9 cpio");
        await using var output = new FileStream(initramfsPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        await using var gzip = new GZipStream(output, CompressionLevel.SmallestSize);
        CpioNewcWriter.Write(gzip, entries, new CpioWriteOptions(mtime));
    }
}
