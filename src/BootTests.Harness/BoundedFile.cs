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

    /// <summary>
    /// The text of a JSON input the user named (a recipe, a suite): a folder, a missing, an oversized or an unreadable
    /// file is a usage error in <paramref name="stage"/> that names it and says what to pass instead.
    /// </summary>
    public static string ReadInputText(string path, int maxBytes, string stage, JsonInputKind kind)
    {
        if (Directory.Exists(path))
            throw BootTestsException.Usage(stage, $"{kind.Noun} '{path}' is a directory; {kind.Pass}.");
        if (!File.Exists(path))
            throw BootTestsException.Usage(stage, $"{kind.Noun} file '{path}' does not exist{kind.Missing}.");
        try
        {
            return System.Text.Encoding.UTF8.GetString(ReadAtMost(path, maxBytes)
                ?? throw BootTestsException.Usage(stage, $"{kind.Noun} file '{path}' is larger than {maxBytes / 1024} KiB, so it is not a {kind.Noun.ToLowerInvariant()}; {kind.PassWhenTooLarge}."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BootTestsException.Usage(stage, $"{kind.Noun} file '{path}' cannot be read: {e.Message}", e);
        }
    }
}

/// <summary>How the errors of <see cref="BoundedFile.ReadInputText"/> name an input and what to pass instead.</summary>
public sealed record JsonInputKind(string Noun, string Pass, string Missing, string PassWhenTooLarge);
