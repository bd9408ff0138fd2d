using System.Globalization;

namespace BootTests.Guest;

/// <summary>Reads the listening TCP ports out of the kernel's /proc/net/tcp and /proc/net/tcp6 tables.</summary>
public static class ListeningTcpPorts
{
    private const string Listen = "0A";

    /// <summary>The distinct local ports in state LISTEN, in order.</summary>
    public static IReadOnlyList<int> Parse(string procNetTcp)
    {
        var ports = new SortedSet<int>();
        foreach (var line in procNetTcp.Split('\n'))
        {
            // "  0: 00000000:0016 00000000:0000 0A ..." : slot, local address:port, remote address:port, state.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !fields[0].EndsWith(':') || fields[3] != Listen) continue;
            var colon = fields[1].LastIndexOf(':');
            if (colon > 0 && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
                ports.Add(port);
        }
        return [.. ports];
    }
}
