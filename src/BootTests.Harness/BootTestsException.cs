namespace BootTests;

/// <summary>The process exit codes every BootTests command uses.</summary>
public enum ExitCode
{
    Success = 0,
    CheckFailed = 1,
    BootFailed = 2,
    Usage = 3,
    Environment = 4,
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
}
