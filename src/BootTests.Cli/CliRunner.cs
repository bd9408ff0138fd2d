using System.CommandLine;
using System.Runtime.InteropServices;
using BootTests.Host;

namespace BootTests.Cli;


/// <summary>
/// Runs a parsed command line: usage errors exit 3, BootTests errors their own code, a bug 5 (one line and a details
/// file), SIGINT 130 and SIGTERM 143 once everything the command started has been stopped.
/// </summary>
public static class CliRunner
{
    private static string command = "boottest";
    private static int? signalExit;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        // With --help, System.CommandLine drops the errors and prints the root's help for `boottest suite --help`.
        var errors = parsed.Errors.Select(e => e.Message)
            .Concat(parsed.Errors.Count == 0 && parsed.Action is System.CommandLine.Help.HelpAction
                ? parsed.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'.") : []).ToList();
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"boottest: usage: {string.Join(" ", errors)}");
            Console.Error.WriteLine("Run `boottest --help` (or `boottest COMMAND --help`) for the options.");
            return (int)ExitCode.Usage;
        }
        command = parsed.CommandResult.Command.Name;
        using var stop = new CancellationTokenSource();
        // Our own handlers instead of System.CommandLine's: its timeout would let the process exit while QEMU is still being stopped.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, ExitCode.Interrupted, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, ExitCode.Terminated, stop));
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
        return signalExit ?? exit;
    }

    // The first signal asks for a clean stop; a second one is let through, for a user who will not wait.
    private static void OnSignal(PosixSignalContext context, ExitCode exit, CancellationTokenSource stop)
    {
        if (signalExit is not null) return;
        context.Cancel = true;
        signalExit = (int)exit;
        stop.Cancel();
    }

    /// <summary>Runs a command body: a BootTestsException prints its message and returns its exit code; a bug returns 5; a signal 130/143.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body();
        }
        catch (BootTestsException e) when (e.ExitCode == ExitCode.HarnessError)
        {
            return ReportBug(e.Stage, e.InnerException ?? e);
        }
        catch (BootTestsException e)
        {
            Console.Error.WriteLine($"boottest: {e.Stage}: {e.Message}");
            return (int)e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var signal = signalExit == (int)ExitCode.Terminated ? "SIGTERM" : "SIGINT";
            Console.Error.WriteLine($"boottest: stopped by {signal}; everything it started was stopped.");
            return signalExit ?? (int)ExitCode.Interrupted;
        }
        catch (Exception e)
        {
            return ReportBug(command, e);
        }
    }

    /// <summary>One line on the terminal naming the stage and the details file; the stack trace goes to that file only.</summary>
    private static int ReportBug(string stage, Exception bug)
    {
        var details = CrashReport.Write(command, stage, bug);
        Console.Error.WriteLine($"boottest: harness error in stage '{stage}' (a bug in boottest, not in the image or the host): "
            + $"{bug.GetType().Name}: {bug.Message.ReplaceLineEndings(" ")}; details in {details ?? "(could not be written)"}");
        return (int)ExitCode.HarnessError;
    }

    /// <summary>
    /// Installs missing host packages with apt-get when running as root (so the README's command works on a fresh
    /// Debian machine), saying so; otherwise, or with BOOTTESTS_NO_INSTALL=1, fails with exit 4 naming them.
    /// </summary>
    public static async Task EnsureInstalledAsync(IReadOnlyList<Prerequisite> wanted, CancellationToken ct)
    {
        var missing = Prerequisites.Missing(wanted);
        if (missing.Count == 0) return;
        if (!Prerequisites.RunningAsRoot || Environment.GetEnvironmentVariable("BOOTTESTS_NO_INSTALL") == "1" || !File.Exists("/usr/bin/apt-get"))
            Prerequisites.Require(wanted);
        Console.Error.WriteLine($"boottest: installing missing packages as root: {string.Join(' ', missing.Select(p => p.Package).Distinct())} (set BOOTTESTS_NO_INSTALL=1 to only report them)");
        await Prerequisites.InstallAsync(wanted, line => Console.Error.WriteLine("  " + line), ct);
        Prerequisites.Require(wanted);
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
