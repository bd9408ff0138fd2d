namespace BootTests.Images;

/// <summary>
/// An exclusive lock on one cache entry across processes (flock on ENTRY.lock, which .NET takes for FileShare.None):
/// a second builder of the same entry waits, then finds it built. The kernel drops the lock when its holder dies.
/// </summary>
public sealed class CacheLock : IDisposable
{
    private readonly FileStream stream;
    private readonly bool deleteWhenReleased;

    private CacheLock(FileStream stream, string path, bool deleteWhenReleased)
    {
        this.stream = stream;
        this.deleteWhenReleased = deleteWhenReleased;
        Path = path;
    }

    /// <summary>The lock file beside the entry.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="entryFolder"/>, waiting (and saying so once) while another process holds it.</summary>
    /// <remarks>
    /// With <paramref name="deleteWhenReleased"/> the lock file goes while still locked, so its name is free again once
    /// released; whoever opened the old file meanwhile finds it unlinked and takes the path's new one.
    /// </remarks>
    public static async Task<CacheLock> AcquireAsync(string entryFolder, IProgress<string>? progress, CancellationToken ct, bool deleteWhenReleased = false)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(entryFolder + ".lock")!);
        var said = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (TryAcquire(entryFolder, deleteWhenReleased) is { } taken) return taken;
            if (!said) progress?.Report($"waiting: another boottest is building {System.IO.Path.GetFileName(entryFolder)}; it is used once built");
            said = true;
            await Task.Delay(200, ct);
        }
    }

    /// <summary>The lock on <paramref name="entryFolder"/> if nobody holds it now, else null; pruning takes it so no build starts on what it deletes.</summary>
    public static CacheLock? TryAcquire(string entryFolder, bool deleteWhenReleased)
    {
        var path = entryFolder + ".lock";
        return TryTake(path) is { } taken ? new CacheLock(taken, path, deleteWhenReleased) : null;
    }

    /// <summary>True when some live process holds the lock on <paramref name="entryFolder"/> (pruning leaves such entries alone).</summary>
    public static bool IsHeld(string entryFolder)
    {
        if (!File.Exists(entryFolder + ".lock")) return false;
        using var taken = TryAcquire(entryFolder, deleteWhenReleased: false);
        return taken is null;
    }

    /// <summary>Deletes the lock files in <paramref name="folder"/> whose entry is gone (left by a killed process, or by a prune before locks went with their entries); held ones stay.</summary>
    public static void DeleteOrphans(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var orphan in Directory.EnumerateFiles(folder, "*.lock").Where(l => !System.IO.Path.Exists(l[..^5])).ToList())
            TryAcquire(orphan[..^5], deleteWhenReleased: true)?.Dispose();
    }

    private static FileStream? TryTake(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        // Opened just before its holder deleted it: a lock on a file no longer at the path guards nothing.
        if (IsUnlinked(stream))
        {
            stream.Dispose();
            return null;
        }
        return stream;
    }

    /// <summary>Whether the file <paramref name="stream"/> has open is no longer linked at any path (Linux: its /proc/self/fd link says "(deleted)").</summary>
    internal static bool IsUnlinked(FileStream stream)
    {
        var fd = stream.SafeFileHandle.DangerousGetHandle();
        var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        return target is null || target.EndsWith(" (deleted)", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (deleteWhenReleased) File.Delete(Path);
        stream.Dispose();
    }
}
