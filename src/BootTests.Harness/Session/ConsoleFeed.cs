using System.Text;
using BootTests.Qemu;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>
/// Feeds one QEMU's serial console into the line splitter, the current boot's timeline (a new one after a reboot) and
/// the session's console history, echoing lines (or the raw bytes) when asked, and typing each answer once its
/// prompt shows.
/// </summary>
internal sealed class ConsoleFeed(
    BootTimeline timeline,
    ConsoleHistory history,
    Action<string>? echo,
    Action<ReadOnlyMemory<byte>>? bytesTap,
    IReadOnlyList<ConsoleAnswer>? answers = null,
    Action<string>? said = null) : IConsoleSink
{
    private readonly ConsoleLineSplitter splitter = new();
    private readonly Lock gate = new();
    private readonly IReadOnlyList<ConsoleAnswer> answers = answers ?? [];
    private readonly HashSet<ConsoleAnswer> answeredInThisLine = [];
    private readonly List<ConsoleAnswer> typed = [];
    private BootTimeline timeline = timeline;
    private Func<ReadOnlyMemory<byte>, Task>? send;

    /// <summary>The timeline lines go to now; a reboot starts the next one.</summary>
    public BootTimeline Timeline
    {
        get { lock (gate) return timeline; }
        set { lock (gate) timeline = value; }
    }

    /// <summary>The answers typed so far, in order (a reboot's prompts are answered again).</summary>
    public IReadOnlyList<ConsoleAnswer> Typed
    {
        get { lock (gate) return [.. typed]; }
    }

    public void OnConsoleConnected(Func<ReadOnlyMemory<byte>, Task> sender) => send = sender;

    public void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds)
    {
        bytesTap?.Invoke(bytes.ToArray());
        lock (gate)
        {
            var lines = splitter.Feed(bytes);
            if (lines.Count > 0) answeredInThisLine.Clear();
            Observe(lines, hostSeconds);
            // A prompt ends without a newline; it would otherwise wait in the splitter forever.
            if (splitter.PendingLooksLikePrompt) Observe(splitter.FlushPending(), hostSeconds);
            AnswerPendingPrompt();
        }
    }

    private void AnswerPendingPrompt()
    {
        if (answers.Count == 0 || send is null) return;
        var pending = splitter.PendingText;
        foreach (var answer in answers)
        {
            if (!pending.Contains(answer.Prompt, StringComparison.Ordinal) || !answeredInThisLine.Add(answer)) continue;
            typed.Add(answer);
            said?.Invoke(answer.Why);
            // Typed from the console's reader thread without waiting: a write that fails leaves the prompt to time out.
            _ = send(Encoding.UTF8.GetBytes(answer.Reply)).ContinueWith(t => t.Exception, TaskScheduler.Default);
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
