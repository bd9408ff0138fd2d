namespace BootTests.Serial;

/// <summary>A recorded serial console replayed through <see cref="ConsoleLineSplitter"/> and a <see cref="BootTimeline"/>.</summary>
/// <remarks>
/// A recording has no host clock: each line is given the latest printk time seen so far (0 before
/// the kernel starts), so the order and rough gaps survive but host times are estimates.
/// </remarks>
public sealed class ConsoleTranscript
{
    private ConsoleTranscript(IReadOnlyList<ConsoleLine> lines, BootTimeline timeline)
    {
        Lines = lines;
        Timeline = timeline;
    }

    public IReadOnlyList<ConsoleLine> Lines { get; }

    public BootTimeline Timeline { get; }

    public static ConsoleTranscript Load(string path, ConsoleCatalogue? catalogue = null) =>
        Parse(File.ReadAllBytes(path), catalogue);

    public static ConsoleTranscript Parse(ReadOnlySpan<byte> bytes, ConsoleCatalogue? catalogue = null)
    {
        var splitter = new ConsoleLineSplitter();
        var timeline = new BootTimeline(catalogue);
        var lines = new List<ConsoleLine>();
        lines.AddRange(splitter.Feed(bytes));
        lines.AddRange(splitter.FlushPending());

        var estimatedHostSeconds = 0.0;
        foreach (var line in lines)
        {
            estimatedHostSeconds = Math.Max(estimatedHostSeconds, line.GuestSeconds ?? 0);
            timeline.Observe(line, estimatedHostSeconds);
        }
        return new ConsoleTranscript(lines, timeline);
    }
}
