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
        var path = entryFolder + ".lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var said = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (TryTake(path) is { } taken) return new CacheLock(taken, path, deleteWhenReleased);
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
        var path = entryFolder + ".lock";
        if (!File.Exists(path)) return false;
        using var taken = TryTake(path);
        return taken is null;
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
