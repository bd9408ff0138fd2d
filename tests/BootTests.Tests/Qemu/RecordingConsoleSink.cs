using System.Text;
using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

/// <summary>Keeps every console byte and the time of each chunk, and lets a test wait for a text.</summary>
internal sealed class RecordingConsoleSink : IConsoleSink
{
    private readonly Lock _lock = new();
    private readonly List<byte> _bytes = [];
    private readonly List<double> _times = [];

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_bytes.ToArray());
            }
        }
    }

    public IReadOnlyList<double> Times
    {
        get
        {
            lock (_lock)
            {
                return [.. _times];
            }
        }
    }

    public void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds)
    {
        lock (_lock)
        {
            _bytes.AddRange(bytes);
            _times.Add(hostSeconds);
        }
    }

    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The console did not show '{text}' within {timeout}. It showed:\n{Text}");
            }
            await Task.Delay(50);
        }
    }
}
