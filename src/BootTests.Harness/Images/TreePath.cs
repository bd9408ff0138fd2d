namespace BootTests.Images;

/// <summary>Paths inside an image tree: relative, '/'-separated, never escaping the tree.</summary>
public static class TreePath
{
    /// <summary>"./etc//x" becomes "etc/x"; null for an absolute path, "..", or an empty one.</summary>
    public static string? Normalize(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith('/') || path.Contains('\0')) return null;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Count == 0 || parts.Contains("..")) return null;
        return string.Join('/', parts);
    }
}
