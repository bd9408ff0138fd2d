namespace BootTests.Images.Sources;

/// <summary>How a tarball or a layer is compressed, told by its first bytes (never by its name).</summary>
public enum Compression
{
    None,
    Gzip,
    Xz,
    Zstd,
    Bzip2,
}

/// <summary>Tells the compression and unpacks with Debian's own decompressors, which check CRCs and lengths (.NET's GZipStream lets a CRC mismatch through).</summary>
public static class Decompressor
{
    public static Compression Sniff(string path)
    {
        var head = new byte[6];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b])) return Compression.Gzip;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return Compression.Xz;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd])) return Compression.Zstd;
        if (bytes.StartsWith("BZh"u8)) return Compression.Bzip2;
        return Compression.None;
    }

    /// <summary>Unpacks <paramref name="path"/> into <paramref name="destination"/>; a damaged stream is a usage error naming the input and the tool's words.</summary>
    public static async Task DecompressAsync(string path, Compression compression, string destination, string input, CancellationToken ct)
    {
        var (program, arguments) = compression switch
        {
            Compression.Gzip => ("gzip", new[] { "-dc", "--", path }),
            Compression.Xz => ("xz", ["-dc", "--", path]),
            Compression.Zstd => ("zstd", ["-dcq", "--no-progress", "--", path]),
            _ => throw TreeReader.Bad(input, $"is {compression}-compressed, which boottest does not unpack", "recompress it with gzip, xz or zstd, or give a plain tar"),
        };
        var result = await SourceTool.RunAsync(program, arguments, ct, stdoutFile: destination);
        if (result.ExitCode != 0)
        {
            throw TreeReader.Bad(input, $"is damaged: {program} says '{result.ErrorLine}'",
                $"check it with `{program} -t` and make it again (it may be truncated or corrupt)");
        }
    }

    public static string Name(this Compression compression) => compression.ToString().ToLowerInvariant();
}
