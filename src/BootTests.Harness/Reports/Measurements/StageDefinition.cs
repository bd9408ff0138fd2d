namespace BootTests.Reports.Measurements;

/// <summary>A boot stage: from one milestone (null: QEMU start) to another, both on the host clock.</summary>
public sealed record StageDefinition(string Name, string? From, string To, string Description);
