namespace BootTests.Guest;

/// <summary>A guest command ran longer than its timeout.</summary>
public sealed class GuestCommandTimeoutException(string command, TimeSpan timeout, Exception? inner)
    : BootTestsException(ExitCode.BootFailed, BootTests.Stage.Checks,
        $"Guest command '{command}' did not finish within {timeout.TotalSeconds:0.#} s; " +
        "pass a longer timeout if it is expected to be slow, or look at the console log for a hung guest.",
        inner)
{
    public string Command { get; } = command;
}
