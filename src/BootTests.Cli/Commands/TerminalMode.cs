using System.Diagnostics;

namespace BootTests.Cli.Commands;

/// <summary>
/// The terminal in character mode for an interactive console (no line editing, no echo, Ctrl-C and Ctrl-S passed through
/// as bytes, Enter as CR); dispose restores the settings it found, whatever happened in between.
/// </summary>
internal sealed class TerminalMode : IDisposable
{
    private readonly string saved;
    private int restored;

    private TerminalMode(string saved) => this.saved = saved;

    /// <summary>The terminal switched to character mode, or null when stdin is not a terminal (or stty is missing).</summary>
    public static TerminalMode? TryCharacterMode()
    {
        if (Console.IsInputRedirected || Stty("-g") is not { Length: > 0 } saved) return null;
        // Output processing stays on, so progress lines written with "\n" still start at the left margin.
        return Stty("-icanon", "-echo", "-isig", "-ixon", "-icrnl", "min", "1", "time", "0") is null ? null : new TerminalMode(saved.Trim());
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref restored, 1) == 0) Stty(saved);
    }

    // stty acts on its stdin, so the child inherits ours: the terminal itself.
    private static string? Stty(params string[] arguments)
    {
        var start = new ProcessStartInfo("stty") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var stty = Process.Start(start)!;
            var output = stty.StandardOutput.ReadToEnd();
            stty.WaitForExit();
            return stty.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
