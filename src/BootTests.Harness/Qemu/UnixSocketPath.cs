using System.Text;

namespace BootTests.Qemu;

/// <summary>The length limit of Unix domain socket paths (sun_path is 108 bytes including the terminating NUL).</summary>
public static class UnixSocketPath
{
    public const int MaxBytes = 107;

    public static bool Fits(string path) => Encoding.UTF8.GetByteCount(path) <= MaxBytes;

    // The longest socket file name the harness uses, so a directory that fits it fits them all.
    internal const string LongestFileName = "console.sock";

    public static bool DirectoryFits(string directory) => Fits(Path.Combine(directory, LongestFileName));
}
