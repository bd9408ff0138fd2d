using System.Buffers.Binary;
using BootTests.Images.Payloads;
using BootTests.Images.Sources;

namespace BootTests.BootMedia;

/// <summary>An x86 bzImage: where its compressed vmlinux lies (boot protocol 2.08+ header) and how to decompress it.</summary>
public sealed record BzImage(string Path, long PayloadOffset, int PayloadLength, string Compression)
{
    private const int SetupSectsOffset = 0x1F1;
    private const int HeaderMagicOffset = 0x202;
    private const int VersionOffset = 0x206;
    private const int PayloadOffsetField = 0x248;
    private const int PayloadLengthField = 0x24C;

    /// <summary>The compressions the harness can undo (with Debian's gzip, xz and zstd).</summary>
    public static IReadOnlyList<string> Supported { get; } = ["gzip", "xz", "zstd"];

    /// <summary>Reads the header; a reason instead when the file is no bzImage or too old to say where its payload is.</summary>
    public static (BzImage? Image, string? Problem) Read(string path)
    {
        // Only the boot header and the payload's first bytes: this runs before every direct boot under TCG.
        using var stream = File.OpenRead(path);
        var header = new byte[0x260];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(HeaderMagicOffset)) != 0x53726448)
        {
            return (null, "it has no x86 boot header (no 'HdrS' at 0x202)");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(VersionOffset));
        if (version < 0x208)
            return (null, $"its boot protocol {version >> 8}.{version & 0xFF:D2} does not say where the compressed kernel is (2.08 does)");
        var setupSects = header[SetupSectsOffset] == 0 ? 4 : header[SetupSectsOffset];
        var offset = (setupSects + 1) * 512L + BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(PayloadOffsetField));
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(PayloadLengthField));
        if (length < 16 || offset + length > stream.Length)
            return (null, "its header points outside the file");
        var head = new byte[6];
        stream.Position = offset;
        stream.ReadExactly(head);
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

    /// <summary>Writes the decompressed vmlinux to <paramref name="outputPath"/> with Debian's decompressors (<see cref="Decompressor"/>); the compression must be one of <see cref="Supported"/>.</summary>
    public async Task DecompressAsync(string outputPath, CancellationToken ct)
    {
        var compression = Compression switch
        {
            "gzip" => Images.Sources.Compression.Gzip,
            "xz" => Images.Sources.Compression.Xz,
            "zstd" => Images.Sources.Compression.Zstd,
            _ => throw new InvalidOperationException($"The kernel in '{Path}' is {Compression}-compressed; check Supported first."),
        };
        // The kernel's build appends the uncompressed size (4 bytes) after an xz or zstd stream; gzip ends with its own.
        var length = compression == Images.Sources.Compression.Gzip ? PayloadLength : PayloadLength - 4;
        var payload = outputPath + ".payload";
        try
        {
            using (var handle = File.OpenHandle(Path))
            await using (var range = new FileRangeStream(handle, PayloadOffset, length, Path))
            await using (var output = new FileStream(payload, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                await range.CopyToAsync(output, ct);
            await Decompressor.DecompressAsync(payload, compression, outputPath, $"the kernel '{Path}'", ct);
        }
        finally
        {
            File.Delete(payload);
        }
    }
}
