namespace BootTests.Reports.Measurements;

/// <summary>The host CPU as a measurement records it: the "model name" of /proc/cpuinfo and the logical CPU count.</summary>
public static class HostCpu
{
    /// <summary>The first "model name" value in cpuinfo text, or "unknown" when there is none (e.g. some ARM hosts).</summary>
    public static string ModelName(string cpuinfo)
    {
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == "model name") return line[(colon + 1)..].Trim();
        }
        return "unknown";
    }

    public static string ReadModelName() =>
        File.Exists("/proc/cpuinfo") ? ModelName(File.ReadAllText("/proc/cpuinfo")) : "unknown";
}
