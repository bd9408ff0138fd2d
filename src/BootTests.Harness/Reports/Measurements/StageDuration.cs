namespace BootTests.Reports.Measurements;

/// <summary>How long one stage of one boot took, in host seconds.</summary>
public sealed record StageDuration(string Stage, double Seconds);
