using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>One property a booted RAM-root system must have; reports a failure as a result, not an exception.</summary>
public interface IRamRootCheck
{
    string Name { get; }

    Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct);
}
