using System.Text;

namespace BootTests.Qemu;

/// <summary>Copies a process's stderr to a log file while keeping its last lines for error messages.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public string Text
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public async Task PumpAsync(StreamReader stderr, string logPath)
    {
        await using var log = new StreamWriter(logPath, append: true, new UTF8Encoding(false)) { AutoFlush = true };
        while (await stderr.ReadLineAsync() is { } line)
        {
            await log.WriteLineAsync(line);
            lock (gate)
            {
                lines.Enqueue(line);
                if (lines.Count > MaxLines)
                {
                    lines.Dequeue();
                }
            }
        }
    }
}
