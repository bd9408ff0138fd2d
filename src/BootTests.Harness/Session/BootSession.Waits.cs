using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Waiting for milestones with a budget each; a fatal console line or QEMU's exit ends any wait at once.</summary>
public sealed partial class BootSession
{
    private async Task WaitForAsync(string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (!await TryWaitAsync(milestone, budget, ct))
        {
            throw new StageFailedException(FailureAt(milestone,
                $"no '{milestone}' within {budget.TotalSeconds:F0} s (the stage budget); the console stopped moving on after '{Timeline.LastMilestone ?? "nothing"}'"));
        }
    }

    /// <summary>False when the budget ran out first; a fatal console line or QEMU's exit throws.</summary>
    private async Task<bool> TryWaitAsync(string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (Timeline.Find(milestone) is not null) return true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        try
        {
            await Timeline.WaitForAsync(milestone, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whichever of the milestones comes first (null when none comes within the budget); a fatal line or QEMU's exit throws.</summary>
    private async Task<string?> WaitForFirstAsync(IReadOnlyList<string> milestones, TimeSpan budget, CancellationToken ct)
    {
        foreach (var milestone in milestones)
            if (Timeline.Find(milestone) is not null) return milestone;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        var waits = milestones.Select(m => Timeline.WaitForAsync(m, timeout.Token)).ToList();
        try
        {
            var done = await Task.WhenAny(waits);
            return (await done).Name;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await timeout.CancelAsync();
            foreach (var wait in waits) _ = wait.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }
}
