namespace BootTests.Reports.Measurements;

/// <summary>
/// Joins histories written on many hosts (and by many commits) into one, in date order; a boot found in several files
/// (a history merged twice) is kept once. Every line of every file is checked as `measure --baseline` would.
/// </summary>
public static class HistoryMerge
{
    public static IReadOnlyList<BootRecord> Merge(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw BootTestsException.Usage(Stage.History, "no history files were given; pass the files `boottest measure --history FILE` wrote on each host.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<BootRecord>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
                throw BootTestsException.Usage(Stage.History, $"'{path}' {(Directory.Exists(path) ? "is a directory" : "does not exist")}; pass history files written by `boottest measure --history`.");
            foreach (var record in History.Read(path))
            {
                if (seen.Add(Identity(record))) merged.Add(record);
            }
        }
        return merged.OrderBy(r => r.Date).ThenBy(r => r.HostClassOrGuess.Id, StringComparer.Ordinal).ToList();
    }

    // One boot: its start, its image, its host and what it measured.
    private static string Identity(BootRecord r) =>
        $"{r.Date:O}|{r.ImageSha256}|{r.Layout}|{r.HostClassOrGuess.Id}|{string.Join(',', r.Milestones.Select(m => $"{m.Name}={m.HostSeconds}"))}";
}
