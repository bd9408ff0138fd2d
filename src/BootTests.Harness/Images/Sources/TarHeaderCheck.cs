using System.Text;

namespace BootTests.Images.Sources;

/// <summary>
/// Walks a tar's 512-byte headers, checking each header's checksum and that the archive ends with its end-of-archive
/// blocks. System.Formats.Tar checks neither, and GNU tar accepts a tar cut at an entry boundary, so a damaged or
/// truncated tarball would otherwise pass as a smaller tree.
/// </summary>
public static class TarHeaderCheck
{
    private const int Block = 512;

    /// <summary>Null when the tar is whole, else what is wrong with it (for a message), e.g. "truncated: …".</summary>
    public static string? Problem(string tarPath, bool requireEndOfArchive = true)
    {
        using var stream = new FileStream(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        var length = stream.Length;
        if (length == 0) return "it is empty (0 bytes), not a tar archive";
        var header = new byte[Block];
        long position = 0;
        var entries = 0;
        string? last = null;
        while (true)
        {
            if (position + Block > length)
            {
                if (!requireEndOfArchive) return null;
                return entries == 0 && position == 0
                    ? $"it is {length} bytes, shorter than one tar header, so not a tar archive"
                    : $"truncated: it ends at byte {length}{After(last)} without the end-of-archive blocks";
            }
            stream.Position = position;
            stream.ReadExactly(header);
            // One zero block ends the archive (GNU tar writes two, and pads to its record size).
            if (header.All(b => b == 0)) return null;
            if (!ChecksumMatches(header))
            {
                return entries == 0
                    ? "it is not a tar archive (the first 512 bytes are not a valid tar header)"
                    : $"corrupt: the tar header at byte {position}{After(last)} has a wrong checksum";
            }
            var type = (char)header[156];
            var size = ParseSize(header.AsSpan(124, 12));
            if (size < 0) return $"corrupt: the tar header at byte {position}{After(last)} has an unreadable size field";
            if (type is not ('L' or 'K' or 'x' or 'g')) last = Name(header);
            entries++;
            var dataBlocks = type is '1' or '2' or '3' or '4' or '5' or '6' ? 0 : (size + Block - 1) / Block;
            position += Block + dataBlocks * Block;
            if (position > length)
                return $"truncated: the data of '{last}' runs past the end of the file (byte {length})";
        }
    }

    private static string After(string? name) => name is null ? "" : $" (after '{name}')";

    private static bool ChecksumMatches(byte[] header)
    {
        long sum = 0;
        for (var i = 0; i < Block; i++) sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        var field = Encoding.ASCII.GetString(header, 148, 8).Trim(' ', '\0');
        if (field.Length == 0) return false;
        try
        {
            return Convert.ToInt64(field, 8) == sum;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    // Octal, or base-256 (first byte 0x80) for sizes of 8 GiB and more.
    private static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = field[0] & 0x7f;
            foreach (var b in field[1..]) value = (value << 8) | b;
            return value;
        }
        var text = Encoding.ASCII.GetString(field).Trim(' ', '\0');
        if (text.Length == 0) return 0;
        try
        {
            return Convert.ToInt64(text, 8);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return -1;
        }
    }

    private static string Name(byte[] header)
    {
        var name = Encoding.UTF8.GetString(header, 0, 100).TrimEnd('\0');
        var prefix = Encoding.ASCII.GetString(header, 257, 6) == "ustar\0" ? Encoding.UTF8.GetString(header, 345, 155).TrimEnd('\0') : "";
        var cut = name.IndexOf('\0');
        if (cut >= 0) name = name[..cut];
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }
}
