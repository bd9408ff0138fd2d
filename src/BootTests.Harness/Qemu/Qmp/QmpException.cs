namespace BootTests.Qemu.Qmp;

/// <summary>QEMU answered a QMP command with an error response.</summary>
public sealed class QmpException(string command, string errorClass, string description)
    : BootTestsException(ExitCode.BootFailed, BootTests.Stage.Boot, $"QMP command '{command}' failed: {errorClass}: {description}")
{
    public string Command { get; } = command;

    public string ErrorClass { get; } = errorClass;

    public string Description { get; } = description;
}
