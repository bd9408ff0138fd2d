namespace BootTests.Serial;

/// <summary>The stage failed because the console showed a fatal line (panic, init error, OOM, ...).</summary>
public sealed class FatalConsoleLineException(BootFailure failure) : StageFailedException(failure);
