namespace BootTests.Host;

/// <summary>
/// A stand-in for a bug, for the tests of exit code 5: with BOOTTESTS_FAILPOINT=STAGE the named stage throws an
/// unexpected exception where it starts. Unset (always, outside those tests) it does nothing.
/// </summary>
public static class Failpoint
{
    public const string Variable = "BOOTTESTS_FAILPOINT";

    public static void Hit(string stage)
    {
        if (Environment.GetEnvironmentVariable(Variable) == stage)
            throw new InvalidOperationException($"failpoint '{stage}' ({Variable}) was hit: a stand-in for a bug in this stage.");
    }
}
