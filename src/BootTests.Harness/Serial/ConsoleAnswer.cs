namespace BootTests.Serial;

/// <summary>A key the harness types when the console shows a prompt that would otherwise sit out its timeout.</summary>
/// <param name="Prompt">Text in the line still waiting for its newline.</param>
/// <param name="Reply">What to type, once per such line.</param>
/// <param name="Why">What the run's progress says when it is typed.</param>
public sealed record ConsoleAnswer(string Prompt, string Reply, string Why)
{
    /// <summary>
    /// iPXE's "Press Ctrl-B for the iPXE command line..." waits 2 s of wall-clock time on every boot; any key other
    /// than Ctrl-B ends the wait and iPXE goes on with its autoboot (DHCP, then the harness's script).
    /// </summary>
    public static ConsoleAnswer IpxeShellBanner { get; } = new(
        "Press Ctrl-B for the iPXE command line...", " ", "console: typed a space at iPXE's Ctrl-B prompt, which would wait 2 s");
}
