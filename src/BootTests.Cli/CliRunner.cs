using System.CommandLine;

namespace BootTests.Cli;

using Console = System.Console;

/// <summary>Runs a parsed command line, mapping usage errors to exit 3 and BootTests errors to their own exit codes.</summary>
public static class CliRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"boottest: usage: {string.Join(" ", parsed.Errors.Select(e => e.Message))}");
            Console.Error.WriteLine("Run `boottest --help` (or `boottest COMMAND --help`) for the options.");
            return (int)ExitCode.Usage;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>Runs a command body: a BootTestsException prints its message and returns its exit code; Ctrl-C returns 130.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body();
        }
        catch (BootTestsException e)
        {
            Console.Error.WriteLine($"boottest: {e.Stage}: {e.Message}");
            return (int)e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("boottest: cancelled; everything it started was stopped.");
            return 130;
        }
    }

    /// <summary>
    /// Installs missing host packages with apt-get when running as root (so the README's command works on a fresh
    /// Debian machine), saying so; otherwise, or with BOOTTESTS_NO_INSTALL=1, fails with exit 4 naming them.
    /// </summary>
    public static async Task EnsureInstalledAsync(IReadOnlyList<BootTests.Host.Prerequisite> wanted, CancellationToken ct)
    {
        var missing = BootTests.Host.Prerequisites.Missing(wanted);
        if (missing.Count == 0) return;
        if (!BootTests.Host.Prerequisites.RunningAsRoot || Environment.GetEnvironmentVariable("BOOTTESTS_NO_INSTALL") == "1" || !File.Exists("/usr/bin/apt-get"))
            BootTests.Host.Prerequisites.Require(wanted);
        Console.Error.WriteLine($"boottest: installing missing packages as root: {string.Join(' ', missing.Select(p => p.Package).Distinct())} (set BOOTTESTS_NO_INSTALL=1 to only report them)");
        await BootTests.Host.Prerequisites.InstallAsync(wanted, line => Console.Error.WriteLine("  " + line), ct);
        BootTests.Host.Prerequisites.Require(wanted);
    }

    /// <summary>Progress lines on stderr, stamped with the seconds since the command started.</summary>
    public static IProgress<string> Progress()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return new SynchronousProgress(line => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {line}"));
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
