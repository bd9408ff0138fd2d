using System.Globalization;

namespace BootTests.Suites;

/// <summary>Shard I of N (1-based, as CI systems number their parallel jobs: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL).</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public const int MaxCount = 1000;

    /// <summary>The whole suite in one run.</summary>
    public static ShardSpec Whole { get; } = new(1, 1);

    /// <summary>Parses "I/N"; anything else is a usage error naming the option and the value.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCount && index >= 1 && index <= count)
        {
            return new ShardSpec(index, count);
        }

        throw BootTestsException.Usage(Stage.Shard,
            $"--shard '{PrintableText.Of(text)}' is not I/N with 1 <= I <= N <= {MaxCount}; give e.g. 1/2 (in GitLab CI: $CI_NODE_INDEX/$CI_NODE_TOTAL).");
    }

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>A folder name for this shard's results: "shard-1-of-2".</summary>
    public string FolderName => $"shard-{Index}-of-{Count}";
}
