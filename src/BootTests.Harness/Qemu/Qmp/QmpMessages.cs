using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BootTests.Qemu.Qmp;

/// <summary>Builds the JSON lines sent to QEMU and reads its greeting.</summary>
internal static class QmpMessages
{
    public static string Command(string command, object? arguments, long id)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("execute", command);
            if (arguments is not null)
            {
                writer.WritePropertyName("arguments");
                JsonSerializer.Serialize(writer, arguments, arguments.GetType());
            }
            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Returns "major.minor.micro" from <c>{"QMP": {"version": {"qemu": {...}}}}</c>.</summary>
    public static string VersionFromGreeting(string greetingLine)
    {
        try
        {
            using var document = JsonDocument.Parse(greetingLine);
            var qemu = document.RootElement.GetProperty("QMP").GetProperty("version").GetProperty("qemu");
            return $"{qemu.GetProperty("major").GetInt32()}.{qemu.GetProperty("minor").GetInt32()}.{qemu.GetProperty("micro").GetInt32()}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Not a QMP greeting: {greetingLine}", e);
        }
    }
}
