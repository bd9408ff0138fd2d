namespace BootTests;

/// <summary>Reads a file the user named, but never more than a limit: /dev/zero or a huge file given by mistake ends in an error, not in memory exhaustion.</summary>
public static class BoundedFile
{
    /// <summary>The bytes, or null when the file holds more than maxBytes.</summary>
    public static byte[]? ReadAtMost(string path, int maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var buffer = new byte[Math.Min(maxBytes + 1, 1 << 16)];
        using var content = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes) return null;
        }
        return content.ToArray();
    }
}
