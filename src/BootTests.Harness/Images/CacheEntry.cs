namespace BootTests.Images;

/// <summary>
/// How every cache entry is made: look, take the entry's lock, look again (another boottest may have built it while
/// this one waited), build into a temporary sibling folder, publish it whole; the temporary folder never outlives the call.
/// </summary>
public static class CacheEntry
{
    /// <param name="folder">The entry's final folder.</param>
    /// <param name="load">The published entry, or null to build it; its argument is false for the first look and true after the wait for the lock.</param>
    /// <param name="build">Writes the entry into the temporary folder it is given; what it returns is returned once that folder is published.</param>
    /// <param name="progress">Told when the wait for another boottest's lock begins.</param>
    /// <param name="ct">Cancels the wait and the build.</param>
    public static async Task<T> GetOrBuildAsync<T>(
        string folder, Func<bool, T?> load, Func<string, Task<T>> build, IProgress<string>? progress, CancellationToken ct)
        where T : class
    {
        if (load(false) is { } cached) return cached;
        using var entryLock = await CacheLock.AcquireAsync(folder, progress, ct);
        if (load(true) is { } builtMeanwhile) return builtMeanwhile;
        var temp = CacheDirectory.TemporarySibling(folder);
        try
        {
            var built = await build(temp);
            CacheDirectory.Publish(temp, folder);
            return built;
        }
        finally
        {
            CacheDirectory.DeleteQuietly(temp);
        }
    }
}
