using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>A console message that proves a milestone, and the earlier milestones it implies (recorded as inferred when missing).</summary>
/// <remarks>Inferred is true when the line proves the milestone only indirectly: it happened at or before this line.</remarks>
public sealed record MilestoneRule(
    string Milestone,
    Regex Pattern,
    bool Inferred = false,
    IReadOnlyList<string>? Implies = null);
