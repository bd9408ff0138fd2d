using BootTests.Images;

namespace BootTests.Checks;

/// <summary>What the checks need to know beyond the guest itself: the image's promises and the console's findings.</summary>
/// <param name="ExpectedTmpfsBytes">The tmpfs size the image asked for, or null to accept any size.</param>
/// <param name="ConsoleWarnings">Console lines classified as warnings or errors during boot.</param>
/// <param name="Init">The guest's userspace init (from the console, confirmed in the guest by the runner).</param>
/// <param name="InitScriptFailures">The console's warnings that an init script or service failed to start.</param>
public sealed record CheckContext(
    long? ExpectedTmpfsBytes,
    IReadOnlyList<string> ConsoleWarnings,
    InitSystem Init = InitSystem.Unknown,
    IReadOnlyList<string>? InitScriptFailures = null);
