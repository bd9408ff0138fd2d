namespace BootTests.Console;

/// <summary>Thrown to those waiting on a boot when the console showed a fatal line (panic, init error, OOM, ...).</summary>
public sealed class ConsoleFatalException(BootFailure failure) : BootFailureException(failure);
