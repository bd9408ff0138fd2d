using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Waiting on a boot timeline with a budget; a fatal console line or QEMU's exit ends any wait at once (StageFailedException).</summary>
public static class TimelineWaits
{
    /// <summary>Waits for <paramref name="milestone"/>; a budget that runs out is a failure of that stage, with the evidence.</summary>
    public static async Task WaitForAsync(BootTimeline timeline, string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (!await TryWaitAsync(timeline, milestone, budget, ct))
        {
            throw new StageFailedException(FailureAt(timeline, milestone,
                $"no '{milestone}' within {budget.TotalSeconds:F0} s (the stage budget); the console stopped moving on after '{timeline.LastMilestone ?? "nothing"}'"));
        }
    }

    /// <summary>False when the budget ran out first.</summary>
    public static async Task<bool> TryWaitAsync(BootTimeline timeline, string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (timeline.Find(milestone) is not null) return true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        try
        {
            await timeline.WaitForAsync(milestone, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whichever of the milestones comes first, or null when none comes within the budget.</summary>
    public static async Task<string?> WaitForFirstAsync(BootTimeline timeline, IReadOnlyList<string> milestones, TimeSpan budget, CancellationToken ct)
    {
        foreach (var milestone in milestones)
            if (timeline.Find(milestone) is not null) return milestone;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        var waits = milestones.Select(m => timeline.WaitForAsync(m, timeout.Token)).ToList();
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

    /// <summary>The failure the timeline already saw, else one at <paramref name="stage"/> with the last console lines.</summary>
    public static BootFailure FailureAt(BootTimeline timeline, string stage, string reason) =>
        timeline.Failure ?? new BootFailure(stage, reason, null, timeline.LastMilestone, timeline.Tail);
}
