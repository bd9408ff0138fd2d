using BootTests.Images;

namespace BootTests.Session;

/// <summary>One part of the cache: what it holds, where, how many entries and how many bytes.</summary>
public sealed record CacheArea(string Name, string Folder, int Entries, long Bytes, string Holds);

/// <summary>What the cache holds (`boottest cache info`) and what pruning it removes (`boottest cache prune`).</summary>
public static class CacheContents
{
    public static IReadOnlyList<CacheArea> Of(CacheDirectory cache) =>
    [
        Area("rootfs", cache.RootfsFolder, "Debian trees from mmdebstrap, one per recipe content (about 90 s each to make again); SSH keys and kernels of imported trees"),
        Area("sources", cache.SourcesFolder, "trees read from recipes' tarballs, folders, OCI images and disks, one per source digest"),
        Area("libguestfs", cache.LibguestfsFolder, "the libguestfs appliance that reads disk sources (made again in seconds)"),
        Area("test-inputs", cache.TestInputsFolder, "what the test suite imports (tarballs, OCI images, disks), made from the default rootfs"),
        Area("images", cache.ImagesFolder, "kernel + initramfs per recipe and layout (seconds to make again from a cached rootfs)"),
        Area("boot-media", cache.BootMediaFolder, "GRUB CD images (--boot-via grub, grub-uefi)"),
        Area("runs", cache.RunsFolder, $"one folder per boot: console.log, qemu-argv.txt, reports (the newest {RunFolders.Keep} are kept)"),
        Area("crashes", cache.CrashesFolder, "details of harness errors (exit 5)"),
    ];

    /// <summary>
    /// Deletes run folders beyond the newest <paramref name="keepRuns"/>, builds abandoned by a killed process and all but
    /// the newest 20 crash files; with <paramref name="images"/> also every image and boot CD, with <paramref name="all"/>
    /// everything (rootfs trees and the KVM verdict too). Entries a live process holds are left alone. Returns what went.
    /// </summary>
    public static IReadOnlyList<string> Prune(CacheDirectory cache, int keepRuns, bool images, bool all)
    {
        var deleted = new List<string>(RunFolders.Prune(cache.RunsFolder, keepRuns));
        foreach (var folder in new[] { cache.RootfsFolder, cache.SourcesFolder, cache.LibguestfsFolder, cache.TestInputsFolder, cache.ImagesFolder, cache.BootMediaFolder })
        {
            var wholeArea = all || (images && (folder == cache.ImagesFolder || folder == cache.BootMediaFolder));
            foreach (var entry in Entries(folder))
            {
                var name = Path.GetFileName(entry);
                var abandoned = name.StartsWith(".tmp-", StringComparison.Ordinal) || name.Contains(".old-", StringComparison.Ordinal);
                if (!abandoned && !wholeArea) continue;
                // An abandoned build's owner may be a live entry whose lock stays; a whole entry goes with its lock.
                using var held = CacheLock.TryAcquire(abandoned ? OwnerOf(folder, name) : entry, deleteWhenReleased: !abandoned);
                if (held is null) continue;
                CacheDirectory.DeleteQuietly(entry);
                if (!Directory.Exists(entry)) deleted.Add(entry);
            }
            CacheLock.DeleteOrphans(folder);
        }
        if (Directory.Exists(cache.CrashesFolder))
        {
            foreach (var crash in Directory.GetFiles(cache.CrashesFolder).OrderByDescending(Path.GetFileName, StringComparer.Ordinal).Skip(all ? 0 : 20))
            {
                File.Delete(crash);
                deleted.Add(crash);
            }
        }
        if (all && File.Exists(cache.AcceleratorFile))
        {
            File.Delete(cache.AcceleratorFile);
            deleted.Add(cache.AcceleratorFile);
        }
        return deleted;
    }

    private static CacheArea Area(string name, string folder, string holds)
    {
        var entries = Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Count(e => !e.EndsWith(".lock", StringComparison.Ordinal)) : 0;
        return new CacheArea(name, folder, entries, Bytes(folder), holds);
    }

    private static IEnumerable<string> Entries(string folder) => Directory.Exists(folder) ? Directory.GetDirectories(folder) : [];

    // ".tmp-NAME-GUID" and "NAME.old-GUID" belong to the entry NAME, whose lock a live build holds.
    private static string OwnerOf(string folder, string name)
    {
        var owner = name.StartsWith(".tmp-", StringComparison.Ordinal) ? name[5..^33] : name[..name.IndexOf(".old-", StringComparison.Ordinal)];
        return Path.Combine(folder, owner);
    }

    private static long Bytes(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        long total = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            try
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is null) total += info.Length;
            }
            catch (IOException)
            {
            }
        }
        return total;
    }
}
