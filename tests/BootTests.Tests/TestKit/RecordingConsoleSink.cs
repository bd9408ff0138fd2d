using System.Text;
using BootTests.Qemu;

namespace BootTests.Tests.TestKit;

/// <summary>Keeps every console byte and the time of each chunk, and lets a test wait for a text.</summary>
internal sealed class RecordingConsoleSink : IConsoleSink
{
    private readonly Lock gate = new();
    private readonly List<byte> bytes = [];
    private readonly List<double> times = [];

    public string Text
    {
        get
        {
            lock (gate)
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }
        }
    }

    public IReadOnlyList<double> Times
    {
        get
        {
            lock (gate)
            {
                return [.. times];
            }
        }
    }

    public void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds)
    {
        lock (gate)
        {
            this.bytes.AddRange(bytes);
            times.Add(hostSeconds);
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
