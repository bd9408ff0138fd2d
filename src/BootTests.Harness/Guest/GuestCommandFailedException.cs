namespace BootTests.Guest;

/// <summary>A guest command ended the wrong way (SucceedAsync saw it fail, FailAsync saw it succeed); carries its exit code and output.</summary>
public sealed class GuestCommandFailedException(GuestCommandResult result, string expected)
    : BootTestsException(ExitCode.CheckFailed, BootTests.Stage.Guest, Describe(result, expected))
{
    public GuestCommandResult Result { get; } = result;

    private static string Describe(GuestCommandResult r, string expected) =>
        $"Guest command '{r.Command}' was expected to {expected}, but exited {r.ExitStatus} after {r.Duration.TotalSeconds:0.##} s.\n"
        + $"stdout: {Shown(r.Stdout)}\nstderr: {Shown(r.Stderr)}";

    private static string Shown(string text) => text.Length == 0 ? "(empty)" : PrintableText.Of(text.TrimEnd('\n'));
}
