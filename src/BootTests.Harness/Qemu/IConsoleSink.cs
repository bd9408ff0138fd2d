namespace BootTests.Qemu;

/// <summary>Receives the guest's serial console output as it arrives; called on one background thread, in order.</summary>
public interface IConsoleSink
{
    /// <summary>One chunk of console bytes; <paramref name="hostSeconds"/> is monotonic time since QEMU was started.</summary>
    void OnConsoleBytes(ReadOnlySpan<byte> bytes, double hostSeconds);

    /// <summary>Called once the console is connected, before the first bytes: <paramref name="send"/> types on the guest's serial port.</summary>
    void OnConsoleConnected(Func<ReadOnlyMemory<byte>, Task> send)
    {
    }
}
