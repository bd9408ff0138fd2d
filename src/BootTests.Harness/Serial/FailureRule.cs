using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>A console message that means trouble; the pattern may capture <c>stage</c> and <c>reason</c> groups from the line.</summary>
/// <remarks>Stage, when set, is the stage the line always belongs to; otherwise it is the one after the furthest milestone.</remarks>
public sealed record FailureRule(ConsoleSeverity Severity, Regex Pattern, string Reason, string? Stage = null)
{
    /// <summary>The reason to report for a match: the rule's reason, plus the detail the line gave, if any.</summary>
    public string ReasonFor(Match match)
    {
        var detail = match.Groups["reason"];
        return detail.Success && detail.Length > 0 ? $"{Reason}: {detail.Value.Trim()}" : Reason;
    }

    /// <summary>The stage the line itself names (e.g. <c>boottests: error extract: …</c>), if any.</summary>
    public static string? StageFrom(Match match)
    {
        var stage = match.Groups["stage"];
        return stage.Success && stage.Length > 0 ? stage.Value.Trim() : null;
    }
}
