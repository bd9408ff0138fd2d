namespace BootTests.Images.Cpio;

/// <summary>Normalizes archive paths to the relative, "./"-free form the archive stores, and orders them parents first.</summary>
internal static class CpioPath
{
    /// <summary>The normalized form of the archive root ("." or "./"); entries with this path are dropped.</summary>
    public const string Root = "";

    /// <summary>Strips a leading "./" and a trailing "/"; rejects absolute paths, ".." and empty or "." components.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith('/'))
        {
            throw new ArgumentException($"Archive path '{path}' is absolute; archive paths are relative.", nameof(path));
        }

        if (path.Contains('\0'))
        {
            throw new ArgumentException($"Archive path '{path.Replace("\0", "\\0")}' contains a NUL character.", nameof(path));
        }

        var relative = path;
        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative[2..];
        }

        if (relative is "." or "")
        {
            return path.Length == 0
                ? throw new ArgumentException("Archive path '' is empty.", nameof(path))
                : Root;
        }

        if (relative.EndsWith('/'))
        {
            relative = relative[..^1];
        }

        foreach (var component in relative.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                throw new ArgumentException(
                    $"Archive path '{path}' has a '{component}' component; only plain names are allowed.", nameof(path));
            }
        }

        return relative;
    }

    /// <summary>Ordinal comparison component by component, so "a/b" sorts before "a-b" and every parent before its children.</summary>
    public static int Compare(string left, string right)
    {
        var common = Math.Min(left.Length, right.Length);
        for (var i = 0; i < common; i++)
        {
            var l = left[i];
            var r = right[i];
            if (l == r)
            {
                continue;
            }

            if (l == '/')
            {
                return -1;
            }

            if (r == '/')
            {
                return 1;
            }

            return l.CompareTo(r);
        }

        return left.Length.CompareTo(right.Length);
    }
}
