namespace BootTests.Suites;

/// <summary>
/// Joins shard reports of one suite run into one report. Refuses reports of different suites or splits, a shard given
/// twice, and (unless allowed) a shard that is missing or stopped part-way; allowed, their targets count as not run.
/// </summary>
public static class SuiteMerge
{
    /// <summary>The merged report; with <paramref name="outFolder"/>, each target's run folder is made relative to it (it was relative to its shard's report).</summary>
    public static SuiteReport Merge(IReadOnlyList<(string Path, SuiteReport Report)> inputs, bool allowMissing, string? outFolder = null)
    {
        if (inputs.Count == 0)
            throw Refuse("no suite reports were given; pass the shards' suite.json files or the folders holding them.");
        var (firstPath, first) = inputs[0];
        foreach (var (path, report) in inputs.Skip(1))
        {
            if (report.Suite != first.Suite)
                throw Refuse($"{path} is of suite '{report.Suite}' but {firstPath} is of suite '{first.Suite}'; merge the shards of one suite run.");
            if (report.PlanDigest != first.PlanDigest || report.ShardCount != first.ShardCount)
            {
                throw Refuse($"{path} was split as plan {report.PlanDigest} into {report.ShardCount} shards, but {firstPath} as plan {first.PlanDigest} into {first.ShardCount}: "
                    + "the shards did not share one plan, so a target could have run twice or not at all. Run every shard with the same suite file, --filter, --label and --timings.");
            }
        }

        var shardFiles = new Dictionary<int, string>();
        var targets = new Dictionary<string, (TargetResult Result, string Path)>(StringComparer.Ordinal);
        foreach (var (path, report) in inputs)
        {
            foreach (var shard in report.Shards)
            {
                if (shardFiles.TryGetValue(shard.Index, out var other))
                    throw Refuse($"shard {shard.Index}/{first.ShardCount} is in both {other} and {path}; give each shard once.");
                shardFiles[shard.Index] = path;
            }
            foreach (var result in report.Targets)
            {
                if (targets.TryGetValue(result.Target.Name, out var earlier))
                    throw Refuse($"target '{result.Target.Name}' has results in both {earlier.Path} and {path}; give each shard once.");
                if (first.Plan.FirstOrDefault(p => p.Name == result.Target.Name) is not { } planned || planned.Shard != result.Shard)
                    throw Refuse($"{path} holds target '{result.Target.Name}', which the plan {first.PlanDigest} does not put in shard {result.Shard}; the report was changed by hand or is damaged.");
                var rebased = outFolder is null || result.RunFolder is null ? result
                    : result with { RunFolder = Path.GetRelativePath(outFolder, Path.Combine(Path.GetDirectoryName(path)!, result.RunFolder)) };
                targets[result.Target.Name] = (rebased, path);
            }
        }

        var missing = Enumerable.Range(1, first.ShardCount).Where(i => !shardFiles.ContainsKey(i)).ToList();
        var incomplete = shardFiles.Keys.Order()
            .Select(i => (Index: i, Lost: first.Plan.Where(p => p.Shard == i && !targets.ContainsKey(p.Name)).Select(p => p.Name).ToList()))
            .Where(s => s.Lost.Count > 0).ToList();
        if (!allowMissing && missing.Count > 0)
        {
            throw Refuse($"{Shards(missing)} of {first.ShardCount} {(missing.Count == 1 ? "is" : "are")} missing (targets {string.Join(", ", first.Plan.Where(p => missing.Contains(p.Shard)).Select(p => p.Name))}); "
                + "pass every shard's suite.json, or --allow-missing to merge without them (their targets count as not run and the merge fails).");
        }
        if (!allowMissing && incomplete.Count > 0)
        {
            var (index, lost) = incomplete[0];
            throw Refuse($"shard {index} ({shardFiles[index]}) stopped part-way: no results for {string.Join(", ", lost)}; run the shard again, or pass --allow-missing to merge what it finished.");
        }

        return new SuiteReport(SuiteReport.CurrentFormat, first.Suite, first.PlanDigest, first.ShardCount, first.Plan,
            inputs.SelectMany(i => i.Report.Shards).OrderBy(s => s.Index).ToList(),
            missing,
            first.Plan.Where(p => targets.ContainsKey(p.Name)).Select(p => targets[p.Name].Result).ToList());
    }

    private static string Shards(IReadOnlyList<int> indices) => indices.Count == 1 ? $"shard {indices[0]}" : $"shards {string.Join(", ", indices)}";

    private static BootTestsException Refuse(string message) => BootTestsException.Usage(Stage.Merge, $"cannot merge: {message}");
}
