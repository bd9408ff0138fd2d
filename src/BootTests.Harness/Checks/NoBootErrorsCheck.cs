using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>The console showed no warnings or errors during boot.</summary>
public sealed class NoBootErrorsCheck : IRamRootCheck
{
    public string Name => "no-boot-errors";

    public Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var warnings = context.ConsoleWarnings;
        var actual = warnings.Count == 0 ? "none" : string.Join("\n", warnings);
        return Task.FromResult(new CheckResult(Name, warnings.Count == 0, "no warnings or errors on the console", actual));
    }
}
