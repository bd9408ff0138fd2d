using Microsoft.Win32.SafeHandles;

namespace BootTests.Images.Cpio;

/// <summary>A copy buffer and open read handles shared by all entries of one archive write.</summary>
internal sealed class CpioCopyContext : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly Dictionary<string, SafeFileHandle> handles = new(StringComparer.Ordinal);

    public byte[] Buffer { get; } = new byte[BufferSize];

    // Thousands of entries usually come from one tar file: open it once, read it positionally.
    public SafeFileHandle OpenRead(string path)
    {
        if (!handles.TryGetValue(path, out var handle))
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            handles.Add(path, handle);
        }

        return handle;
    }

    public void Dispose()
    {
        foreach (var handle in handles.Values)
        {
            handle.Dispose();
        }

        handles.Clear();
    }
}
