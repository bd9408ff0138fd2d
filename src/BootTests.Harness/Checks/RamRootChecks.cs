namespace BootTests.Checks;

/// <summary>The checks every RAM-root image must pass, in the order they are run and reported.</summary>
public static class RamRootChecks
{
    /// <summary>The RAM-root core: a run passes only when each of these applies and passes, whatever the init.</summary>
    public static IReadOnlyList<string> Core { get; } = ["root-is-tmpfs", "no-block-root", "fstab-empty", "selinux-disabled"];

    public static IReadOnlyList<IRamRootCheck> All { get; } =
    [
        new RootIsTmpfsCheck(),
        new SelinuxDisabledCheck(),
        new FstabEmptyCheck(),
        new GettyNoclearCheck(),
        new DevIsDevtmpfsCheck(),
        new NoBlockRootCheck(),
        new SystemRunningCheck(),
        new NoBootErrorsCheck(),
    ];
}
