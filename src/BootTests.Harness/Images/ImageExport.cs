namespace BootTests.Images;

/// <summary>Copies a built image out of the cache into a folder the user names, whole or not at all.</summary>
public static class ImageExport
{
    /// <summary>Fails early (exit 3) when the destination cannot hold an image.</summary>
    public static void CheckDestination(string folder)
    {
        if (File.Exists(folder))
            throw BootTestsException.Usage(Stage.Output, $"--out '{folder}' is a file; name a folder (it is created if missing).");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any() && !File.Exists(Path.Combine(folder, "manifest.json")))
            throw BootTestsException.Usage(Stage.Output, $"--out '{folder}' exists and is not an earlier BootTests image folder; name an empty or new folder.");
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        if (!Directory.Exists(parent))
            throw BootTestsException.Usage(Stage.Output, $"--out '{folder}': the parent folder '{parent}' does not exist.");
        try
        {
            var probe = Path.Combine(parent, $".boottests-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BootTestsException.Usage(Stage.Output, $"--out '{folder}' cannot be written ({e.Message}); choose a writable folder.", e);
        }
    }

    /// <summary>Copies into a temporary sibling, then renames it into place, so a half-written folder never looks valid.</summary>
    public static string CopyTo(BuiltImage image, string folder)
    {
        var full = Path.GetFullPath(folder);
        var temp = CacheDirectory.TemporarySibling(full);
        try
        {
            foreach (var name in new[] { image.Manifest.Kernel.File, image.Manifest.Initramfs.File, image.Manifest.ClientKey, "manifest.json" })
                File.Copy(Path.Combine(image.Folder, name), Path.Combine(temp, name));
            // The listings `boottest diff` compares, where the image has them.
            foreach (var name in new[] { Diff.TreeListing.FileName, Diff.PackageList.FileName }.Where(n => File.Exists(Path.Combine(image.Folder, n))))
                File.Copy(Path.Combine(image.Folder, name), Path.Combine(temp, name));
            File.SetUnixFileMode(Path.Combine(temp, image.Manifest.ClientKey), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            CacheDirectory.Publish(temp, full);
            return full;
        }
        finally
        {
            CacheDirectory.DeleteQuietly(temp);
        }
    }
}
