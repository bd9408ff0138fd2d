using System.Text.Json;
using System.Text.Json.Serialization;

namespace BootTests.Reports;

/// <summary>Writes a <see cref="RunReport"/> as indented camelCase JSON.</summary>
public static class JsonReportWriter
{
    internal static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson(RunReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(RunReport report, string path) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, report, Options));
}
