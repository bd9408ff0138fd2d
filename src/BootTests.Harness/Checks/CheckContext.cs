namespace BootTests.Checks;

/// <summary>What the checks need to know beyond the guest itself: the image's promises and the console's findings.</summary>
/// <param name="ExpectedTmpfsBytes">The tmpfs size the image asked for, or null to accept any size.</param>
/// <param name="ConsoleWarnings">Console lines classified as warnings or errors during boot.</param>
public sealed record CheckContext(long? ExpectedTmpfsBytes, IReadOnlyList<string> ConsoleWarnings);
