using System.Globalization;

namespace BootTests.Reports.Measurements;

/// <summary>The host's 1-minute load average, recorded with each timed boot: a figure taken while other work runs is not a figure.</summary>
public static class HostLoad
{
    /// <summary>The first field of /proc/loadavg text, or null when it is not a number.</summary>
    public static double? OneMinute(string loadavg) =>
        double.TryParse(loadavg.Split(' ', 2)[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;

    public static double? ReadOneMinute() =>
        File.Exists("/proc/loadavg") ? OneMinute(File.ReadAllText("/proc/loadavg")) : null;

    /// <summary>"0.8–2.3" over the boots that recorded it, or null when none did.</summary>
    public static string? Range(IEnumerable<BootRecord> boots)
    {
        var loads = boots.Select(b => b.HostLoad1).OfType<double>().ToList();
        return loads.Count == 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"{loads.Min():0.0}–{loads.Max():0.0}");
    }
}
