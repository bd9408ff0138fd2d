namespace BootTests.Cli.Commands;

/// <summary>Checks an output file option (--json, --junit, --html, --history) before anything runs: not a folder, in a folder that exists and can be written.</summary>
public static class OutputFile
{
    public static void Check(string stage, string option, string? path)
    {
        if (path is null) return;
        if (Directory.Exists(path))
            throw BootTestsException.Usage(stage, $"{option} '{path}' is a directory; name a file.");
        var parent = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(parent))
            throw BootTestsException.Usage(stage, $"{option} '{path}': the folder '{parent}' does not exist; create it or name another.");
        try
        {
            var probe = Path.Combine(parent, $".boottests-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BootTestsException.Usage(stage, $"{option} '{path}': the folder '{parent}' cannot be written ({e.Message}); name a writable place.", e);
        }
    }
}
