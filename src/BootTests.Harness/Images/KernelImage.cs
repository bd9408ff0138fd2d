using System.Text;

namespace BootTests.Images;

/// <summary>Reads an x86 bzImage's boot header: is it a kernel at all, and which release.</summary>
public static class KernelImage
{
    /// <summary>True when the file starts like an x86 bzImage (its 'HdrS' boot header).</summary>
    public static bool IsBzImage(string path)
    {
        var header = new byte[0x210];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && Encoding.ASCII.GetString(header, 0x202, 4) == "HdrS";
    }

    /// <summary>The release (e.g. 6.1.0-56-amd64), or throws a usage error naming the file when it is not a bzImage.</summary>
    public static string ReadVersion(string path)
    {
        if (Directory.Exists(path))
            throw BootTestsException.Usage(Stage.Kernel, $"--kernel '{path}' is a directory; pass the kernel file (vmlinuz).");
        if (!File.Exists(path))
            throw BootTestsException.Usage(Stage.Kernel, $"--kernel '{path}' does not exist.");
        var header = new byte[1024];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < 0x210 || Encoding.ASCII.GetString(header, 0x202, 4) != "HdrS")
            throw BootTestsException.Usage(Stage.Kernel, $"--kernel '{path}' is not an x86 Linux kernel (no bzImage 'HdrS' boot header); pass the vmlinuz file from the tree's /boot.");
        var offset = BitConverter.ToUInt16(header, 0x20E) + 0x200;
        var bytes = new byte[256];
        using (var stream = File.OpenRead(path))
        {
            stream.Seek(offset, SeekOrigin.Begin);
            stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }
        var text = Encoding.ASCII.GetString(bytes);
        var end = text.IndexOfAny([' ', '\0']);
        return end > 0 ? text[..end] : "unknown";
    }
}
