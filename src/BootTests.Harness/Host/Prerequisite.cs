namespace BootTests.Host;

/// <summary>A program BootTests needs on the host, and the Debian package that provides it.</summary>
public sealed record Prerequisite(string Program, string Package, string WhatFor)
{
    /// <summary>The full path the program resolves to, or null when it is not installed.</summary>
    public string? Locate()
    {
        if (Program.StartsWith('/')) return File.Exists(Program) ? Program : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]);
        return dirs.Select(d => Path.Combine(d, Program)).FirstOrDefault(File.Exists);
    }
}
