using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>A console message that proves a milestone, and the earlier milestones it implies (recorded as inferred when missing).</summary>
/// <remarks>
/// Inferred is true when the line proves the milestone only indirectly: it happened at or before this line. Init names
/// the userspace init the line proves (a later, more specific one wins: OpenRC's banner after sysvinit's).
/// </remarks>
public sealed record MilestoneRule(
    string Milestone,
    Regex Pattern,
    bool Inferred = false,
    IReadOnlyList<string>? Implies = null,
    Images.InitSystem? Init = null);
