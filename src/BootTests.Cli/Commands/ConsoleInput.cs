namespace BootTests.Cli.Commands;

/// <summary>How typing at the console ended.</summary>
public enum ConsoleInputEnd
{
    /// <summary>The escape key (Ctrl-]) was pressed: leave the console.</summary>
    Escape,

    /// <summary>The input ended (a pipe or file was read to its end).</summary>
    EndOfInput,
}

/// <summary>Forwards what is typed (or piped) to the guest's serial port, byte for byte, until the escape key or the end of the input.</summary>
public static class ConsoleInput
{
    /// <summary>Ctrl-], as telnet and virsh console use it.</summary>
    public const byte EscapeKey = 0x1d;

    public const string EscapeName = "Ctrl-]";

    public static async Task<ConsoleInputEnd> PumpAsync(Stream input, Func<ReadOnlyMemory<byte>, CancellationToken, Task> send, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var read = await input.ReadAsync(buffer, ct);
            if (read == 0) return ConsoleInputEnd.EndOfInput;
            var escape = Array.IndexOf(buffer, EscapeKey, 0, read);
            var upTo = escape < 0 ? read : escape;
            if (upTo > 0) await send(buffer.AsMemory(0, upTo), ct);
            if (escape >= 0) return ConsoleInputEnd.Escape;
        }
    }
}
