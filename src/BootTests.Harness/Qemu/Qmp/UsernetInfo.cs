using System.Globalization;
using System.Text.RegularExpressions;

namespace BootTests.Qemu.Qmp;

/// <summary>Reads the text of the monitor command <c>info usernet</c>.</summary>
public static partial class UsernetInfo
{
    // Columns: Protocol[State] FD SourceAddress Port DestAddress Port RecvQ SendQ; for a host forward the
    // source is the host side and the destination the guest side.
    [GeneratedRegex(@"^\s*(?<proto>TCP|UDP)\[HOST_FORWARD\]\s+-?\d+\s+(?<hostAddr>\S+)\s+(?<hostPort>\d+)\s+(?<guestAddr>\S+)\s+(?<guestPort>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex HostForwardLine();

    /// <summary>All host forwards in the text, in order.</summary>
    public static IReadOnlyList<UsernetHostForward> ParseHostForwards(string text)
    {
        var forwards = new List<UsernetHostForward>();
        foreach (var line in text.Split('\n'))
        {
            var match = HostForwardLine().Match(line);
            if (match.Success)
            {
                forwards.Add(new UsernetHostForward(
                    match.Groups["proto"].Value,
                    match.Groups["hostAddr"].Value,
                    int.Parse(match.Groups["hostPort"].Value, CultureInfo.InvariantCulture),
                    match.Groups["guestAddr"].Value,
                    int.Parse(match.Groups["guestPort"].Value, CultureInfo.InvariantCulture)));
            }
        }
        return forwards;
    }

    /// <summary>The host port of the first TCP forward to <paramref name="guestPort"/>, or null if there is none.</summary>
    public static int? FindTcpHostPort(string text, int guestPort) =>
        ParseHostForwards(text)
            .Where(f => f.Protocol == "TCP" && f.GuestPort == guestPort)
            .Select(f => (int?)f.HostPort)
            .FirstOrDefault();
}
