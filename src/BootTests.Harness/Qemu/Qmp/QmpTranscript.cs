using System.Text;

namespace BootTests.Qemu.Qmp;

/// <summary>Appends each QMP line with a timestamp and a direction marker to a log file.</summary>
internal sealed class QmpTranscript : IDisposable
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    private QmpTranscript(StreamWriter writer) => this.writer = writer;

    public static QmpTranscript Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return new QmpTranscript(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true });
    }

    public void Sent(string line) => Write("->", line);

    public void Received(string line) => Write("<-", line);

    public void Note(string text) => Write("--", text);

    private void Write(string marker, string line)
    {
        lock (gate)
        {
            writer.WriteLine($"{DateTimeOffset.UtcNow:O} {marker} {line}");
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }
}
