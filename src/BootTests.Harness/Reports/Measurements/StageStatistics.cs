namespace BootTests.Reports.Measurements;

/// <summary>The statistics of one stage over the boots of one layout and accelerator.</summary>
public sealed record StageStatistics(string Stage, Statistics Statistics);
