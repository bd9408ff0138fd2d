namespace BootTests.Checks;

/// <summary>The checks every RAM-root image must pass, in the order they are run and reported.</summary>
public static class RamRootChecks
{
    public static IReadOnlyList<IRamRootCheck> All { get; } =
    [
        new RootIsTmpfsCheck(),
        new SelinuxDisabledCheck(),
        new FstabEmptyCheck(),
        new GettyNoclearCheck(),
        new NoBlockRootCheck(),
        new SystemRunningCheck(),
        new NoBootErrorsCheck(),
    ];
}
