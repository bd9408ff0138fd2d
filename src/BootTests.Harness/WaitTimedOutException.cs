namespace BootTests;

/// <summary>A wait ran out of budget; carries what it waited for and what its last try saw.</summary>
public sealed class WaitTimedOutException(string stage, string what, TimeSpan budget, int tries, string lastSeen)
    : BootTestsException(ExitCode.CheckFailed, stage,
        $"Timed out after {budget.TotalSeconds:0.#} s ({tries} tries) waiting for {what}. The last try saw: {lastSeen}")
{
    public string What { get; } = what;

    public string LastSeen { get; } = lastSeen;
}
