namespace BootTests.Images.Diff;

/// <summary>One entry of an image's tree as tree.tsv lists it: type, mode, owner, size, and what identifies its content (sha256, link target or device).</summary>
public sealed record ListedEntry(string Path, string Type, string Mode, string Owner, long Size, string Content)
{
    /// <summary>What differs from another entry at the same path, or null when nothing does.</summary>
    public string? ChangeFrom(ListedEntry before)
    {
        var changes = new List<string>();
        if (before.Type != Type) changes.Add($"{before.Type} → {Type}");
        else if (before.Content != Content) changes.Add(Type == "file" ? $"content, {ByteText.Of(before.Size)} → {ByteText.Of(Size)}" : $"{before.Content} → {Content}");
        if (before.Mode != Mode) changes.Add($"mode {before.Mode} → {Mode}");
        if (before.Owner != Owner) changes.Add($"owner {before.Owner} → {Owner}");
        return changes.Count == 0 ? null : string.Join(", ", changes);
    }
}

/// <summary>Sizes as the diff prints them.</summary>
internal static class ByteText
{
    public static string Of(long bytes) => Math.Abs(bytes) switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes / 1048576.0:F1} MiB",
    };
}
