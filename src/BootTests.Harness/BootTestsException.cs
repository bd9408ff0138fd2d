namespace BootTests;

/// <summary>The process exit codes every BootTests command uses.</summary>
public enum ExitCode
{
    Success = 0,
    CheckFailed = 1,
    BootFailed = 2,
    Usage = 3,
    Environment = 4,

    /// <summary>An unexpected exception: a bug in BootTests, not in the image or the host.</summary>
    HarnessError = 5,

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2.</summary>
    Interrupted = 130,

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    Terminated = 143,
}

/// <summary>An error the user can act on: it names the input, the stage and the next step, and carries an exit code.</summary>
public class BootTestsException(ExitCode exitCode, string stage, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ExitCode ExitCode { get; } = exitCode;

    /// <summary>The stage that failed: recipe, rootfs, image, boot, ssh, checks, report...</summary>
    public string Stage { get; } = stage;

    public static BootTestsException Usage(string stage, string message, Exception? inner = null) =>
        new(ExitCode.Usage, stage, message, inner);

    public static BootTestsException Environment(string stage, string message, Exception? inner = null) =>
        new(ExitCode.Environment, stage, message, inner);

    /// <summary>Wraps an unexpected exception (a bug) with the stage it escaped from; the bug stays the inner exception.</summary>
    public static BootTestsException Harness(string stage, Exception bug) =>
        new(ExitCode.HarnessError, stage, $"{bug.GetType().Name}: {bug.Message}", bug);

    /// <summary>True for what a stage did not expect: not one of ours, not a cancellation.</summary>
    public static bool IsBug(Exception e) => e is not BootTestsException and not OperationCanceledException;
}
