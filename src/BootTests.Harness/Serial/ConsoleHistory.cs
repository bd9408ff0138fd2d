using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>
/// Every console line of a session (the newest <see cref="Capacity"/>), numbered from the first, so a test can wait for
/// text long after the boot's milestones; thread-safe for one writer and any number of readers.
/// </summary>
public sealed class ConsoleHistory(int capacity = ConsoleHistory.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly Lock gate = new();
    private readonly Queue<ConsoleLine> lines = new();
    private long dropped;

    public int Capacity { get; } = capacity;

    /// <summary>The number the next line will get (the count of lines seen so far).</summary>
    public long Next
    {
        get { lock (gate) return dropped + lines.Count; }
    }

    public void Add(IEnumerable<ConsoleLine> seen)
    {
        lock (gate)
        {
            foreach (var line in seen)
            {
                lines.Enqueue(line);
                if (lines.Count <= Capacity) continue;
                lines.Dequeue();
                dropped++;
            }
        }
    }

    /// <summary>The first line numbered <paramref name="from"/> or later whose text matches, with its number; null when none has come yet.</summary>
    public (long Number, ConsoleLine Line)? Find(Regex pattern, long from)
    {
        lock (gate)
        {
            var number = dropped;
            foreach (var line in lines)
            {
                if (number >= from && pattern.IsMatch(line.Text)) return (number, line);
                number++;
            }
            return null;
        }
    }

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (gate) return lines.Skip(Math.Max(0, lines.Count - count)).Select(l => l.Text).ToList();
    }
}
