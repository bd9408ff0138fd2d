using BootTests.Qemu;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>
/// Feeds one QEMU's serial console into the line splitter, the current boot's timeline (a new one after a reboot) and
/// the session's console history, echoing lines (or the raw bytes) when asked.
/// </summary>
internal sealed class ConsoleFeed(BootTimeline timeline, ConsoleHistory history, Action<string>? echo, Action<ReadOnlyMemory<byte>>? bytesTap) : IConsoleSink
{
    private readonly ConsoleLineSplitter splitter = new();
    private readonly Lock gate = new();
    private BootTimeline timeline = timeline;

    /// <summary>The timeline lines go to now; a reboot starts the next one.</summary>
    public BootTimeline Timeline
    {
        get { lock (gate) return timeline; }
        set { lock (gate) timeline = value; }
    }

    public void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds)
    {
        bytesTap?.Invoke(bytes.ToArray());
        lock (gate)
        {
            Observe(splitter.Feed(bytes), hostSeconds);
            // A prompt ends without a newline; it would otherwise wait in the splitter forever.
            if (splitter.PendingLooksLikePrompt) Observe(splitter.FlushPending(), hostSeconds);
        }
    }

    private void Observe(IReadOnlyList<ConsoleLine> lines, double hostSeconds)
    {
        timeline.Observe(lines, hostSeconds);
        history.Add(lines);
        if (echo is null) return;
        foreach (var line in lines) echo(line.Text);
    }
}
