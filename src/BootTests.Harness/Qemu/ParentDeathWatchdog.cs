using System.Diagnostics;
using System.Globalization;

namespace BootTests.Qemu;

/// <summary>
/// Kills a process (QEMU) with SIGKILL when the harness dies, even by SIGKILL: a small shell waits on a pipe whose
/// write end only the harness holds, and the kernel closes that end when the harness dies, however it dies.
/// </summary>
public sealed class ParentDeathWatchdog : IDisposable
{
    // $0 is the target pid. INT and HUP are ignored so a Ctrl-C to the process group leaves the harness's own
    // clean-up in charge; "read" returns at end of file, which is the harness's death.
    public const string Script = "trap '' INT HUP; read -r _; kill -KILL \"$0\"";

    private readonly Process shell;
    private int disposed;

    private ParentDeathWatchdog(Process shell, int targetPid)
    {
        this.shell = shell;
        TargetPid = targetPid;
    }

    public int TargetPid { get; }

    /// <summary>The watchdog shell's process id.</summary>
    public int Pid => shell.Id;

    /// <summary>The watchdog's command line; its standard input must be a pipe only the owner writes to.</summary>
    public static IReadOnlyList<string> Argv(int targetPid) =>
        ["/bin/sh", "-c", Script, targetPid.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Starts a watchdog for <paramref name="targetPid"/> owned by this process.</summary>
    public static ParentDeathWatchdog Start(int targetPid)
    {
        var argv = Argv(targetPid);
        // .NET creates the stdin pipe close-on-exec, so processes started later (QEMU among them) do not inherit
        // the write end and cannot keep the watchdog asleep after the harness is gone.
        var startInfo = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(arg);
        }
        var shell = Process.Start(startInfo)
            ?? throw BootTestsException.Environment(Stage.Boot, "Could not start /bin/sh for the QEMU watchdog.");
        return new ParentDeathWatchdog(shell, targetPid);
    }

    /// <summary>Closes the owner's end of the pipe, exactly as the owner's death would: the target is killed.</summary>
    public void Trigger()
    {
        try
        {
            shell.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Stops the watchdog without touching the target (SIGKILL first, so it can never kill a reused pid).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        try
        {
            if (!shell.HasExited)
            {
                shell.Kill();
                shell.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        Trigger();
        shell.Dispose();
    }
}
