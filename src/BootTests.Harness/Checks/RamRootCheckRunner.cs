using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>Runs checks one after another; a check that throws becomes a failed result, so every check is reported.</summary>
public static class RamRootCheckRunner
{
    public static async Task<IReadOnlyList<CheckResult>> RunAllAsync(
        IGuestShell guest,
        CheckContext context,
        CancellationToken ct = default,
        IReadOnlyList<IRamRootCheck>? checks = null)
    {
        var results = new List<CheckResult>();
        context = context with { Init = await GuestInit.DetectAsync(guest, context.Init, ct).ConfigureAwait(false) };
        foreach (var check in checks ?? RamRootChecks.All)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await RunOneAsync(check, guest, context, ct).ConfigureAwait(false);
            results.Add(result with { Seconds = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, 3) });
        }

        return results;
    }

    private static async Task<CheckResult> RunOneAsync(IRamRootCheck check, IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        try
        {
            return await check.RunAsync(guest, context, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return new CheckResult(check.Name, passed: false, expected: "the check to complete", actual: $"{e.GetType().Name}: {e.Message}");
        }
    }
}
