using BootTests.Images;

namespace BootTests.Serial;

/// <summary>What the console showed of one boot: milestones reached, warnings, the first fatal line and the last lines.</summary>
/// <remarks>Thread-safe for one writer (the console reader) and any number of readers and waiters.</remarks>
public sealed partial class BootTimeline(ConsoleCatalogue? catalogue = null, int tailLength = BootTimeline.DefaultTailLength)
{
    public const int DefaultTailLength = 30;

    private readonly Lock gate = new();
    private readonly ConsoleCatalogue catalogue = catalogue ?? ConsoleCatalogue.Default;
    private readonly List<MilestoneRecord> reached = [];
    private readonly List<ConsoleWarning> warnings = [];
    private readonly List<string> tail = [];
    private bool tailEndsWithPartial;
    private BootFailure? failure;
    private InitSystem init;

    /// <summary>Milestones in the order they were reached by host time (inferred ones just before the line that proved them).</summary>
    public IReadOnlyList<MilestoneRecord> Reached
    {
        get { lock (gate) return [.. reached]; }
    }

    public IReadOnlyList<ConsoleWarning> Warnings
    {
        get { lock (gate) return [.. warnings]; }
    }

    /// <summary>The first fatal line or caller-reported failure, or null while the boot is healthy.</summary>
    public BootFailure? Failure
    {
        get { lock (gate) return failure; }
    }

    /// <summary>The last console lines (at most the tail length given at construction), oldest first.</summary>
    public IReadOnlyList<string> Tail
    {
        get { lock (gate) return [.. tail]; }
    }

    /// <summary>The userspace init the console showed (OpenRC wins over the sysvinit it runs under), or Unknown.</summary>
    public InitSystem Init
    {
        get { lock (gate) return init; }
    }

    /// <summary>The furthest milestone reached, in boot order, or null before the first.</summary>
    public string? LastMilestone
    {
        get { lock (gate) return FurthestReached(); }
    }

    /// <summary>The milestone the boot is working towards now.</summary>
    public string CurrentStage
    {
        get { lock (gate) return Milestones.After(FurthestReached()); }
    }

    public MilestoneRecord? Find(string milestone)
    {
        lock (gate) return reached.Find(r => r.Name == milestone);
    }

    /// <summary>Classifies each line and records what it proves; <paramref name="hostSeconds"/> is the time since QEMU started.</summary>
    public void Observe(IEnumerable<ConsoleLine> lines, double hostSeconds)
    {
        foreach (var line in lines)
            Observe(line, hostSeconds);
    }

    /// <inheritdoc cref="Observe(IEnumerable{ConsoleLine}, double)"/>
    public void Observe(ConsoleLine line, double hostSeconds)
    {
        var message = line.Message;
        var guestSeconds = line.GuestSeconds;
        lock (gate)
        {
            AddToTail(line);
            Classify(line, message, hostSeconds, guestSeconds);
            foreach (var rule in catalogue.MilestoneRules)
            {
                if (!rule.Pattern.IsMatch(message))
                    continue;
                foreach (var implied in rule.Implies ?? [])
                    Record(new MilestoneRecord(implied, hostSeconds, guestSeconds, Inferred: true));
                Record(new MilestoneRecord(rule.Milestone, hostSeconds, guestSeconds, rule.Inferred));
                if (rule.Init is { } shown && (init == InitSystem.Unknown || shown == InitSystem.OpenRC)) init = shown;
            }
            InferUserspaceStart(line, message, hostSeconds);
        }
    }

    // BusyBox init says nothing of its own: the first line after switch_root that the kernel did not print (no
    // printk time) and our /init did not print is the real root's userspace talking.
    private void InferUserspaceStart(ConsoleLine line, string message, double hostSeconds)
    {
        if (line.IsPartial || line.GuestSeconds is not null || string.IsNullOrWhiteSpace(message)) return;
        if (message.StartsWith("boottests:", StringComparison.Ordinal)) return;
        if (!reached.Exists(r => r.Name == Milestones.SwitchRoot) || reached.Exists(r => r.Name == Milestones.UserspaceStart)) return;
        Record(new MilestoneRecord(Milestones.UserspaceStart, hostSeconds, null, Inferred: true));
    }

    /// <summary>Records a milestone seen elsewhere than on the console (e.g. <see cref="Milestones.SshReady"/>); the first record wins.</summary>
    public void Reach(string milestone, double hostSeconds, double? guestSeconds = null)
    {
        lock (gate) Record(new MilestoneRecord(milestone, hostSeconds, guestSeconds));
    }

    private void Classify(ConsoleLine line, string message, double hostSeconds, double? guestSeconds)
    {
        foreach (var rule in catalogue.FailureRules)
        {
            var match = rule.Pattern.Match(message);
            if (!match.Success)
                continue;
            if (rule.Severity == ConsoleSeverity.Fatal)
            {
                var stage = FailureRule.StageFrom(match) ?? rule.Stage ?? Milestones.After(FurthestReached());
                FailOnce(new BootFailure(stage, rule.ReasonFor(match), line.Text, FurthestReached(), [.. tail]), console: true);
            }
            // A partial line is a prompt that is shown again once its newline arrives: count it then.
            else if (!line.IsPartial)
            {
                warnings.Add(new ConsoleWarning(rule.ReasonFor(match), line.Text, hostSeconds, guestSeconds));
            }
            return;
        }
    }

    private void Record(MilestoneRecord record)
    {
        if (reached.Exists(r => r.Name == record.Name))
            return;
        // The console reader and the SSH stage record from their own threads: a console line read before ssh-ready
        // (a login prompt) can be recorded after it, so each record goes in by its host time, after any at the same time.
        reached.Insert(reached.FindLastIndex(r => r.HostSeconds <= record.HostSeconds) + 1, record);
        if (waiters.Remove(record.Name, out var waiter))
            waiter.TrySetResult(record);
        MilestoneReached?.Invoke(record);
    }

    /// <summary>Called with each milestone as it is first reached (on the console reader's thread: keep it short).</summary>
    public Action<MilestoneRecord>? MilestoneReached { get; set; }

    private void AddToTail(ConsoleLine line)
    {
        // The same prompt arrives twice: first partial, then completed by its newline.
        if (tailEndsWithPartial && line.Text.StartsWith(tail[^1], StringComparison.Ordinal))
            tail.RemoveAt(tail.Count - 1);
        tail.Add(line.Text);
        tailEndsWithPartial = line.IsPartial;
        if (tail.Count > tailLength)
            tail.RemoveAt(0);
    }

    private string? FurthestReached()
    {
        var furthest = -1;
        foreach (var record in reached)
            furthest = Math.Max(furthest, Milestones.IndexOf(record.Name));
        return furthest < 0 ? null : Milestones.InBootOrder[furthest];
    }
}
