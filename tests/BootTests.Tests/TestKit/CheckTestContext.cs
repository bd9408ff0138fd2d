using BootTests.Checks;
using BootTests.Images;

namespace BootTests.Tests.TestKit;

/// <summary>Check contexts for the tests: the good guest's size and a quiet console unless told otherwise.</summary>
internal static class CheckTestContext
{
    public static CheckContext Quiet { get; } = new(GoodRamRootGuest.TmpfsBytes, [], InitSystem.Systemd);

    public static CheckContext WithWarnings(params string[] lines) => new(GoodRamRootGuest.TmpfsBytes, lines, InitSystem.Systemd);

    /// <summary>A quiet console under another init, with the init scripts the console said failed.</summary>
    public static CheckContext Under(InitSystem init, params string[] initScriptFailures) =>
        new(GoodRamRootGuest.TmpfsBytes, [], init, initScriptFailures);
}
