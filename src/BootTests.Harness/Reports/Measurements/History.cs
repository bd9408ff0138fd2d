using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BootTests.Reports.Measurements;

/// <summary>The measurement history: one JSON <see cref="BootRecord"/> per line, appended boot by boot.</summary>
public static class History
{
    // Relaxed escaping keeps systemd-analyze's "+" readable in the file; the lines are never embedded in HTML.
    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The largest history read (about 100 000 boots); anything bigger, or endless like /dev/zero, is not one.</summary>
    public const int MaxBytes = 256 << 20;

    /// <summary>Appends one line; a last line cut short by an earlier crash is dropped first, so every line before the last stays whole.</summary>
    public static void Append(string path, BootRecord record)
    {
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        stream.SetLength(WholeLinesLength(stream));
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));
    }

    /// <summary>Writes <paramref name="records"/> as a whole new history file (written beside, then renamed over the old one).</summary>
    public static void WriteAll(string path, IEnumerable<BootRecord> records) =>
        AtomicFile.Write(path, stream =>
        {
            foreach (var record in records) stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));
        });

    /// <summary>Reads every record; a last line without its newline that does not parse (a crash mid-write) is skipped, any other broken line is an error naming the file and line.</summary>
    public static IReadOnlyList<BootRecord> Read(string path)
    {
        var text = Encoding.UTF8.GetString(BoundedFile.ReadAtMost(path, MaxBytes)
            ?? throw BootTestsException.Usage(Stage.History, $"{path} is larger than {MaxBytes >> 20} MiB, so it is not a history written by --history; name another file."));
        var lines = text.Split('\n');
        var records = new List<BootRecord>();
        // Append writes a line and its newline at once, so only a last line without its newline can be cut short.
        var last = text.EndsWith('\n') ? -1 : Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                records.Add(JsonSerializer.Deserialize<BootRecord>(lines[i], Json)
                    ?? throw new JsonException("the line is JSON null"));
            }
            catch (JsonException) when (i == last)
            {
                // The last line of an append-only file is the only one a killed writer can have cut short.
            }
            catch (JsonException e)
            {
                throw BootTestsException.Usage(Stage.History, $"{path}:{i + 1}: not a boot record ({e.Message.Split(" Path:")[0]}); name a history file written by --history, or a new file.", e);
            }
        }
        return records;
    }

    private static long WholeLinesLength(FileStream stream)
    {
        for (var position = stream.Length - 1; position >= 0; position--)
        {
            stream.Seek(position, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n') return position + 1;
        }
        return 0;
    }
}
