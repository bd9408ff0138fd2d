using System.Text.Json;

namespace BootTests.Qemu.Qmp;

/// <summary>An asynchronous event that QEMU sent over QMP, such as SHUTDOWN or STOP.</summary>
public sealed record QmpEvent(string Name, JsonElement Data, DateTimeOffset Timestamp)
{
    private static readonly JsonElement EmptyData = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Reads an event message: <c>{"event": ..., "data": ..., "timestamp": {"seconds", "microseconds"}}</c>.</summary>
    internal static QmpEvent FromMessage(JsonElement message)
    {
        var name = message.GetProperty("event").GetString() ?? "";
        var data = message.TryGetProperty("data", out var d) ? d.Clone() : EmptyData;
        return new QmpEvent(name, data, ReadTimestamp(message));
    }

    private static DateTimeOffset ReadTimestamp(JsonElement message)
    {
        if (!message.TryGetProperty("timestamp", out var stamp)
            || !stamp.TryGetProperty("seconds", out var seconds)
            || !stamp.TryGetProperty("microseconds", out var micros))
        {
            return DateTimeOffset.UtcNow;
        }
        return DateTimeOffset.FromUnixTimeSeconds(seconds.GetInt64())
            .AddTicks(micros.GetInt64() * TimeSpan.TicksPerMicrosecond);
    }
}
