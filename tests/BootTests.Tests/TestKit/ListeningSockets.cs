using System.Globalization;
using System.Net;

namespace BootTests.Tests.TestKit;

/// <summary>The TCP sockets a process listens on, read from /proc (its fd links and /proc/net/tcp, tcp6).</summary>
internal static class ListeningSockets
{
    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget ?? "")
            .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        return [.. Parse(File.ReadAllText($"/proc/{pid}/net/tcp"), inodes), .. Parse(File.ReadAllText($"/proc/{pid}/net/tcp6"), inodes)];
    }

    /// <summary>The listening (state 0A) rows of a /proc/net/tcp or tcp6 text whose inode is in the set.</summary>
    public static IEnumerable<IPEndPoint> Parse(string procNetTcp, IReadOnlySet<string> inodes)
    {
        foreach (var line in procNetTcp.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != "0A" || !inodes.Contains(fields[9])) continue;
            var local = fields[1].Split(':');
            yield return new IPEndPoint(Address(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) order.
    private static IPAddress Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        return new IPAddress(bytes);
    }
}
