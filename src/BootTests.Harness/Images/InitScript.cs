namespace BootTests.Images;

/// <summary>Renders the BusyBox /init from its template under fixtures/image/init.sh.</summary>
public static class InitScript
{
    public static string Template => EmbeddedFiles.ReadText("init.sh");

    public static string Render(ImageLayout layout, ByteSize tmpfsSize) => Template
        .Replace("@LAYOUT@", layout.Name(), StringComparison.Ordinal)
        .Replace("@TMPFS_SIZE@", tmpfsSize.ToOption(), StringComparison.Ordinal);
}
