namespace BootTests.Tests.TestKit;

/// <summary>A fresh directory under the system temp directory (optionally with an awkward name inside it), deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string prefix = "boottests-images-") =>
        Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(params string[] relative) => System.IO.Path.Combine([Path, .. relative]);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
