namespace BootTests.Reports.Measurements;

/// <summary>One stage of one layout and accelerator: the current median against the baseline's (null when the baseline has none).</summary>
public sealed record StageComparison(string Layout, string Accelerator, string Stage, double CurrentMedian, double? BaselineMedian, bool Regressed)
{
    public string Describe() => BaselineMedian is { } baseline
        ? $"{Layout}/{Accelerator} {Stage}: median {CurrentMedian:F2} s against {baseline:F2} s in the baseline ({(CurrentMedian / baseline - 1) * 100:+0.0;-0.0} %)"
        : $"{Layout}/{Accelerator} {Stage}: median {CurrentMedian:F2} s; no baseline with this layout and accelerator";
}
