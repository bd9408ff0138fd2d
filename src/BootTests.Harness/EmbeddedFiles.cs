namespace BootTests;

/// <summary>The files under fixtures/image/ that travel inside the library (init template, rootfs hook).</summary>
public static class EmbeddedFiles
{
    public static string ReadText(string name)
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream($"image/{name}")
            ?? throw new InvalidOperationException($"The library was built without the embedded file image/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
