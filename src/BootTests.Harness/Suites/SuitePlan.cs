using System.Security.Cryptography;
using System.Text;

namespace BootTests.Suites;

/// <summary>
/// The selected targets of a suite split into N shards: each target in exactly one, the shards balanced by expected
/// seconds (longest first onto the lightest shard), the same split on every machine given the same inputs. The digest
/// names the split, so shard reports made from different splits are refused when merged.
/// </summary>
public sealed record SuitePlan(string Suite, int ShardCount, IReadOnlyList<PlannedTarget> Targets, string Digest)
{
    /// <summary>Seconds a target is expected to take when no earlier run knows it and none of its suite is known either.</summary>
    public const double DefaultSeconds = 30;

    public IReadOnlyList<SuiteTarget> In(int shard) => Targets.Where(t => t.Shard == shard).Select(t => t.Target).ToList();

    public double ExpectedSeconds(int shard) => Targets.Where(t => t.Shard == shard).Sum(t => t.ExpectedSeconds);

    /// <summary>Splits <paramref name="selected"/> (suite order) into <paramref name="shardCount"/> shards using <paramref name="timings"/> where they know a target.</summary>
    public static SuitePlan Create(string suite, IReadOnlyList<SuiteTarget> selected, int shardCount, TargetTimings timings)
    {
        var expected = selected.ToDictionary(t => t.Name, t => Math.Round(timings.ExpectedSeconds(t.Name) ?? timings.Typical ?? DefaultSeconds, 1));
        var loads = new double[shardCount];
        var shardOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in selected.OrderByDescending(t => expected[t.Name]).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            var lightest = 0;
            for (var s = 1; s < shardCount; s++)
            {
                if (loads[s] < loads[lightest]) lightest = s;
            }
            loads[lightest] += expected[target.Name];
            shardOf[target.Name] = lightest + 1;
        }
        var targets = selected.Select(t => new PlannedTarget(t, shardOf[t.Name], expected[t.Name])).ToList();
        return new SuitePlan(suite, shardCount, targets, DigestOf(suite, shardCount, targets));
    }

    private static string DigestOf(string suite, int shardCount, IReadOnlyList<PlannedTarget> targets)
    {
        var text = new StringBuilder($"{suite}\n{shardCount}\n");
        foreach (var t in targets)
        {
            var x = t.Target;
            text.Append($"{x.Name}\0{x.Recipe}\0{x.Layout}\0{x.BootVia}\0{x.Memory}\0{x.Append}\0{string.Join(',', x.Labels)}\0{t.Shard}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

/// <summary>A target of a plan: the shard it runs in and the seconds it is expected to take.</summary>
public sealed record PlannedTarget(SuiteTarget Target, int Shard, double ExpectedSeconds);
