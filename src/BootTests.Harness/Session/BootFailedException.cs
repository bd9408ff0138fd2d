using BootTests.Qemu;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>The boot stopped before the guest was usable; carries the failure, the run folder and the console log path.</summary>
public sealed class BootFailedException(BootFailure failure, string runDirectory, Exception? inner = null)
    : BootTestsException(ExitCode.BootFailed, failure.Stage,
        $"{failure.Describe()}\nRun files: {runDirectory} ({string.Join(", ", QemuRunFiles.Names.SkipLast(1))})", inner)
{
    public BootFailure Failure { get; } = failure;
    public string RunDirectory { get; } = runDirectory;
    public string ConsoleLogPath => QemuRunFiles.In(RunDirectory).ConsoleLog;
}
