using System.Text.RegularExpressions;
using BootTests.Host;
using BootTests.Images.Cpio;

namespace BootTests.Images.Payloads;

/// <summary>A dynamically linked host program with the libraries and loader it needs, as initramfs entries at the same paths.</summary>
public sealed partial record HostProgram(string Path, IReadOnlyList<string> Files)
{
    /// <summary>Finds the program's shared libraries with ldd.</summary>
    public static async Task<HostProgram> ResolveAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw BootTestsException.Environment(Stage.Image, $"{path} is missing; run `boottest doctor --install` (or apt-get install zstd).");
        var output = await ExternalTool.RunAsync(Stage.Image, "ldd", [path], ct);
        var files = new List<string> { path };
        foreach (Match match in LibraryPath().Matches(output))
            files.Add(match.Groups["path"].Value);
        return new HostProgram(path, files.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A digest of the program and its libraries, for image cache keys.</summary>
    public async Task<string> ContentKeyAsync(CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var file in Files) parts.Add(file + "=" + await ContentHash.OfFileAsync(file, ct));
        return ContentHash.OfParts([.. parts]);
    }

    /// <summary>Directories (0755) and files (the real content behind any symlink), relative to the initramfs root.</summary>
    public IEnumerable<CpioEntry> Entries(long mtime)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            var parts = file.TrimStart('/').Split('/');
            for (var i = 1; i < parts.Length; i++) directories.Add(string.Join('/', parts[..i]));
        }
        foreach (var directory in directories)
            yield return new CpioEntry(directory, CpioEntryType.Directory, Convert.ToInt32("755", 8), 0, 0, mtime);
        foreach (var file in Files)
        {
            var real = new FileInfo(File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? file);
            yield return new CpioEntry(file.TrimStart('/'), CpioEntryType.RegularFile, Convert.ToInt32("755", 8), 0, 0, mtime)
            {
                Content = new FileRangeContent(real.FullName, 0, real.Length),
            };
        }
    }

    // "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x…)" and the loader "/lib64/ld-linux-x86-64.so.2 (0x…)".
    [GeneratedRegex(@"(?:=>\s*|^\s*)(?<path>/\S+)\s+\(0x", RegexOptions.Multiline)]
    private static partial Regex LibraryPath();
}
