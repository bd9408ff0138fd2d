namespace BootTests.Images;

/// <summary>Where built rootfs trees and images are kept, keyed by content: $BOOTTESTS_CACHE, else $XDG_CACHE_HOME/boottests, else ~/.cache/boottests.</summary>
public sealed record CacheDirectory(string Root)
{
    public static CacheDirectory Default()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("BOOTTESTS_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return new CacheDirectory(Path.GetFullPath(explicitRoot));
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new CacheDirectory(Path.Combine(baseDir, "boottests"));
    }

    public string RootfsFolder => Path.Combine(Root, "rootfs");
    public string ImagesFolder => Path.Combine(Root, "images");
    public string RunsFolder => Path.Combine(Root, "runs");
    public string BootMediaFolder => Path.Combine(Root, "boot-media");

    /// <summary>Trees read from recipes' own sources (tarballs, folders, OCI images, disks), one per source digest.</summary>
    public string SourcesFolder => Path.Combine(Root, "sources");

    /// <summary>What the test suite imports, made from the default rootfs (kept so a run makes only what changed).</summary>
    public string TestInputsFolder => Path.Combine(Root, "test-inputs");

    /// <summary>libguestfs's appliance (LIBGUESTFS_CACHEDIR), kept here rather than in /var/tmp.</summary>
    public string LibguestfsFolder => Path.Combine(Root, "libguestfs");

    /// <summary>Details of harness errors (exit 5), one file each.</summary>
    public string CrashesFolder => Path.Combine(Root, "crashes");

    /// <summary>The KVM verdict and its evidence.</summary>
    public string AcceleratorFile => Path.Combine(Root, "accel.json");

    /// <summary>A fresh folder (owner only) beside the final one, so a build can be renamed into place whole or deleted.</summary>
    public static string TemporarySibling(string finalFolder)
    {
        var parent = Path.GetDirectoryName(finalFolder)!;
        Directory.CreateDirectory(parent);
        DeleteAbandoned(parent);
        var temp = Path.Combine(parent, $".tmp-{Path.GetFileName(finalFolder)}-{Guid.NewGuid():N}");
        // Owner only: rootfs.tar and initramfs.img carry the guest's private host key, id_ed25519 the client key.
        Directory.CreateDirectory(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return temp;
    }

    // A build killed with SIGKILL cannot clean up after itself; no build takes hours, so older leftovers are abandoned.
    private static void DeleteAbandoned(string parent)
    {
        foreach (var stale in Directory.EnumerateDirectories(parent, ".tmp-*").Concat(Directory.EnumerateDirectories(parent, "*.old-*")))
        {
            if (EndsWithGuid(stale) && Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-6))
                DeleteQuietly(stale);
        }
    }

    private static bool EndsWithGuid(string path) =>
        path.Length > 33 && path[^33] == '-' && path[^32..].All(char.IsAsciiHexDigitLower);

    /// <summary>Moves a finished build into place, replacing an older one.</summary>
    public static void Publish(string temporaryFolder, string finalFolder)
    {
        if (Directory.Exists(finalFolder))
        {
            var old = finalFolder + $".old-{Guid.NewGuid():N}";
            Directory.Move(finalFolder, old);
            Directory.Move(temporaryFolder, finalFolder);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(temporaryFolder, finalFolder);
        }
    }

    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
