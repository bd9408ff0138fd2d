using BootTests.Qemu;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Feeds the serial console into the line splitter and the boot timeline, echoing lines when asked.</summary>
internal sealed class ConsoleFeed(BootTimeline timeline, Action<string>? echo) : IConsoleSink
{
    private readonly ConsoleLineSplitter splitter = new();
    private readonly Lock gate = new();

    public void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds)
    {
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
        if (echo is null) return;
        foreach (var line in lines) echo(line.Text);
    }
}
