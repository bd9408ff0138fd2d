using System.Buffers.Binary;
using System.IO.Compression;
using CliWrap;
using ZstdSharp;

namespace BootTests.BootMedia;

/// <summary>An x86 bzImage: where its compressed vmlinux lies (boot protocol 2.08+ header) and how to decompress it.</summary>
public sealed record BzImage(string Path, long PayloadOffset, int PayloadLength, string Compression)
{
    private const int SetupSectsOffset = 0x1F1;
    private const int HeaderMagicOffset = 0x202;
    private const int VersionOffset = 0x206;
    private const int PayloadOffsetField = 0x248;
    private const int PayloadLengthField = 0x24C;

    /// <summary>The compressions the harness can undo: gzip and zstd in-process, xz with Debian's xz.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["gzip", "xz", "zstd"];

    /// <summary>Reads the header; a reason instead when the file is no bzImage or too old to say where its payload is.</summary>
    public static (BzImage? Image, string? Problem) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 0x260 || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(HeaderMagicOffset)) != 0x53726448)
            return (null, "it has no x86 boot header (no 'HdrS' at 0x202)");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(VersionOffset));
        if (version < 0x208)
            return (null, $"its boot protocol {version >> 8}.{version & 0xFF:D2} does not say where the compressed kernel is (2.08 does)");
        var setupSects = bytes[SetupSectsOffset] == 0 ? 4 : bytes[SetupSectsOffset];
        var offset = (setupSects + 1) * 512L + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(PayloadOffsetField));
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(PayloadLengthField));
        if (length < 16 || offset + length > bytes.Length)
            return (null, "its header points outside the file");
        var head = bytes.AsSpan((int)offset, 6);
        var compression = head switch
        {
            [0x1F, 0x8B, ..] => "gzip",
            [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] => "xz",
            [0x28, 0xB5, 0x2F, 0xFD, ..] => "zstd",
            [0x02, 0x21, 0x4C, 0x18, ..] => "lz4",
            [0x42, 0x5A, 0x68, ..] => "bzip2",
            [0x89, 0x4C, 0x5A, 0x4F, ..] => "lzo",
            [0x5D, 0x00, 0x00, ..] => "lzma",
            _ => "unknown",
        };
        return (new BzImage(path, offset, length, compression), null);
    }

    /// <summary>Writes the decompressed vmlinux to <paramref name="outputPath"/>; false (with nothing written) for a compression not in <see cref="Supported"/>.</summary>
    public async Task<bool> DecompressAsync(string outputPath, CancellationToken ct)
    {
        if (!Supported.Contains(Compression)) return false;
        var payload = new byte[PayloadLength];
        await using (var input = File.OpenRead(Path))
        {
            input.Position = PayloadOffset;
            await input.ReadExactlyAsync(payload, ct);
        }
        await using var output = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        switch (Compression)
        {
            case "gzip":
                await using (var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress))
                    await gzip.CopyToAsync(output, ct);
                break;
            case "zstd":
                // The kernel's build appends the uncompressed size (4 bytes) after the zstd frame.
                await using (var zstd = new DecompressionStream(new MemoryStream(payload, 0, payload.Length - 4)))
                    await zstd.CopyToAsync(output, ct);
                break;
            default:
                // --single-stream: the 4 size bytes after the stream are not another stream.
                var result = await Cli.Wrap("xz").WithArguments(["-dc", "--single-stream"])
                    .WithStandardInputPipe(PipeSource.FromBytes(payload))
                    .WithStandardOutputPipe(PipeTarget.ToStream(output))
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteAsync(ct);
                if (result.ExitCode != 0)
                    throw BootTestsException.Environment(Stage.BootMedia, $"xz could not decompress the kernel inside '{Path}' (exit code {result.ExitCode}).");
                break;
        }
        return true;
    }
}
