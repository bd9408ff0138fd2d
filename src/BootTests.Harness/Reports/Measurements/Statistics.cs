namespace BootTests.Reports.Measurements;

/// <summary>Summary of a sample: min, median, p90 (nearest rank), max and the sample standard deviation (0 for one value).</summary>
public sealed record Statistics(int Count, double Min, double Median, double P90, double Max, double StdDev)
{
    public static Statistics Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("Statistics need at least one value.", nameof(values));
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * n) - 1];
        var mean = sorted.Average();
        var stdDev = n == 1 ? 0 : Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return new Statistics(n, sorted[0], median, p90, sorted[^1], stdDev);
    }
}
