using System.Globalization;
using BootTests.Images;

namespace BootTests.Session;

/// <summary>
/// The per-run folders (console log, QEMU argv, reports): each live session holds a lock on its own, and the default
/// runs folder keeps the newest <see cref="Keep"/> ($BOOTTESTS_KEEP_RUNS, default 20; 0 keeps all).
/// </summary>
public static class RunFolders
{
    public const string KeepVariable = "BOOTTESTS_KEEP_RUNS";
    public const int DefaultKeep = 20;

    /// <summary>How many runs the default runs folder keeps; a value that is not a whole number of 0 or more is a usage error naming the variable.</summary>
    public static int Keep
    {
        get
        {
            var text = Environment.GetEnvironmentVariable(KeepVariable);
            if (string.IsNullOrWhiteSpace(text)) return DefaultKeep;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var keep) ? keep
                : throw BootTestsException.Usage(Stage.Runs, $"{KeepVariable}='{PrintableText.Of(text)}' is not a whole number of runs to keep (0 keeps all); unset it for {DefaultKeep}.");
        }
    }

    /// <summary>Creates a run folder named by time and target, locked while its session lives (RUN.lock beside it, so every file inside stays readable; dispose to release).</summary>
    public static (string Folder, CacheLock Lock) Create(string root, string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var path = Path.Combine(root, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{safe}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(path);
        return (path, CacheLock.AcquireAsync(path, null, CancellationToken.None, deleteWhenReleased: true).GetAwaiter().GetResult());
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> run folders of <paramref name="root"/>, never one a live session holds; returns those deleted.</summary>
    public static IReadOnlyList<string> Prune(string root, int keep)
    {
        if (!Directory.Exists(root)) return [];
        var deleted = new List<string>();
        foreach (var run in All(root).Skip(keep))
        {
            if (CacheLock.IsHeld(run)) continue;
            CacheDirectory.DeleteQuietly(run);
            if (!Directory.Exists(run)) deleted.Add(run);
        }
        // A session killed with SIGKILL leaves its (released) lock file behind.
        CacheLock.DeleteOrphans(root);
        return deleted;
    }

    /// <summary>The run folders of <paramref name="root"/>, newest first (their names start with the UTC time).</summary>
    public static IReadOnlyList<string> All(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).OrderByDescending(Path.GetFileName, StringComparer.Ordinal).ToList()
            : [];
}
