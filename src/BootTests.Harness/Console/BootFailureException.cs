namespace BootTests.Console;

/// <summary>Thrown to those waiting on a boot when it cannot reach its milestones any more; carries the evidence.</summary>
public class BootFailureException(BootFailure failure, Exception? innerException = null)
    : Exception(failure.Describe(), innerException)
{
    public BootFailure Failure { get; } = failure;
}
