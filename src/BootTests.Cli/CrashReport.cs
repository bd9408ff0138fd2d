using System.Reflection;
using BootTests.Images;

namespace BootTests.Cli;

/// <summary>Writes what a bug left behind (version, command, stage, the exception with its stack) to crashes/ in the cache.</summary>
internal static class CrashReport
{
    /// <summary>The file written, or null when it could not be; never throws.</summary>
    public static string? Write(string command, string stage, Exception bug)
    {
        try
        {
            var folder = Directory.CreateDirectory(CacheDirectory.Default().CrashesFolder).FullName;
            var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{command}-{Environment.ProcessId}.txt");
            // The command line is left out: it may carry --ssh-password.
            File.WriteAllText(path, $"""
                boottest {Assembly.GetEntryAssembly()?.GetName().Version} harness error
                when:    {DateTimeOffset.UtcNow:O}
                command: {command}
                stage:   {stage}

                {bug}

                """);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
