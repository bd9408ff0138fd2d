using BootTests.Checks;

namespace BootTests.Tests.TestKit;

/// <summary>Check contexts for the tests: the good guest's size and a quiet console unless told otherwise.</summary>
internal static class CheckTestContext
{
    public static CheckContext Quiet { get; } = new(GoodRamRootGuest.TmpfsBytes, []);

    public static CheckContext WithWarnings(params string[] lines) => new(GoodRamRootGuest.TmpfsBytes, lines);
}
