namespace BootTests.Host;

/// <summary>A program BootTests needs on the host, and the Debian package that provides it; an absolute path ending in '*' matches the newest such file.</summary>
public sealed record Prerequisite(string Program, string Package, string WhatFor)
{
    /// <summary>A further test of a file that is there (e.g. that BusyBox is the static build); null accepts any.</summary>
    public Func<string, bool>? Usable { get; init; }

    /// <summary>The full path the program resolves to, or null when it is not installed (or not usable).</summary>
    public string? Locate() => Find() is { } path && (Usable is null || Usable(path)) ? path : null;

    private string? Find()
    {
        if (Program.StartsWith('/') && Program.EndsWith('*'))
        {
            var folder = Path.GetDirectoryName(Program)!;
            return Directory.Exists(folder) ? Directory.GetFiles(folder, Path.GetFileName(Program)).Order(StringComparer.Ordinal).LastOrDefault() : null;
        }
        if (Program.StartsWith('/')) return File.Exists(Program) ? Program : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]);
        return dirs.Select(d => Path.Combine(d, Program)).FirstOrDefault(File.Exists);
    }
}
