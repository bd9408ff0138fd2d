namespace BootTests.Reports.Measurements;

/// <summary>One stage of one series: the current median against the baseline's (null when the baseline has none, with the reason in <see cref="Refusal"/>).</summary>
public sealed record StageComparison(string Layout, string Accelerator, string Stage, double CurrentMedian, double? BaselineMedian, bool Regressed, string? Refusal = null)
{
    public string Describe() => BaselineMedian is { } baseline
        ? $"{Layout}/{Accelerator} {Stage}: median {CurrentMedian:F2} s against {baseline:F2} s in the baseline ({(CurrentMedian / baseline - 1) * 100:+0.0;-0.0} %)"
        : $"{Layout}/{Accelerator} {Stage}: median {CurrentMedian:F2} s; no baseline to compare with: {Refusal ?? "the baseline's boots of this series never reached this stage"}";
}
