namespace BootTests.Qemu.Qmp;

/// <summary>The QMP connection closed (usually because QEMU exited) before the awaited answer arrived.</summary>
public sealed class QmpConnectionClosedException(string message, Exception? innerException = null)
    : BootTestsException(ExitCode.BootFailed, BootTests.Stage.Boot, message, innerException);
