using System.Text;

namespace BootTests.Serial;

/// <summary>Why a boot stopped: the stage it was in, the reason, the console line that showed it and the last console lines.</summary>
/// <remarks>
/// Stage is the milestone being worked towards (the one after LastMilestone), or the stage the guest
/// named itself in <c>boottests: error STAGE: REASON</c>. LastMilestone is the furthest reached, in boot order.
/// </remarks>
public sealed record BootFailure(
    string Stage,
    string Reason,
    string? MatchingLine,
    string? LastMilestone,
    IReadOnlyList<string> ConsoleTail)
{
    /// <summary>A multi-line account for error messages: stage, reason, matching line, then the console tail.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append($"Boot failed in stage '{Stage}' (last milestone: {LastMilestone ?? "none"}): {Reason}.");
        if (MatchingLine is not null)
            text.AppendLine().Append($"Console line: {MatchingLine}");
        if (ConsoleTail.Count > 0)
        {
            text.AppendLine().Append($"Last {ConsoleTail.Count} console lines:");
            foreach (var line in ConsoleTail)
                text.AppendLine().Append("  | ").Append(line);
        }
        return text.ToString();
    }
}
