using System.Text.Json;

namespace BootTests.Reports.Measurements;

/// <summary>What `boottest measure --json` writes: statistics per layout per stage, the baseline comparison if any, and every boot.</summary>
public sealed record MeasurementSummary(IReadOnlyList<LayoutSummary> Layouts, BaselineComparison? Baseline, IReadOnlyList<BootRecord> Records)
{
    public static MeasurementSummary Of(IReadOnlyList<BootRecord> records, BaselineComparison? baseline = null) =>
        new(LayoutSummary.Of(records), baseline, records);

    public string ToJson() => JsonSerializer.Serialize(this, JsonReportWriter.Options);

    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, JsonReportWriter.Options));
}
