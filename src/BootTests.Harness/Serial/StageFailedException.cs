namespace BootTests.Serial;

/// <summary>A boot stage failed (a fatal console line, QEMU's exit, a budget run out): thrown to those waiting on the timeline, with the evidence.</summary>
public class StageFailedException(BootFailure failure, Exception? innerException = null)
    : BootTestsException(ExitCode.BootFailed, failure.Stage, failure.Describe(), innerException)
{
    public BootFailure Failure { get; } = failure;
}
