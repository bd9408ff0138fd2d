using System.Diagnostics;

namespace BootTests.Tests.TestKit;

/// <summary>Starts and watches plain processes by pid for the lifetime tests.</summary>
internal static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        // A zombie still has /proc/PID but is dead for our purpose.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<bool> DiesWithinAsync(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!IsAlive(pid))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return !IsAlive(pid);
    }

    public static Process Start(string fileName, params string[] args)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }
        return Process.Start(startInfo)!;
    }

    public static void KillQuietly(Process process)
    {
        try
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
