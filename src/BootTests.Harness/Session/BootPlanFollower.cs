using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Walks a <see cref="BootPlan"/> on a timeline, whatever feeds it: QEMU's console, or a recorded transcript in a test.</summary>
public static class BootPlanFollower
{
    /// <summary>
    /// Waits for each step in turn. Returns null when all were reached, or, under KVM, the first-output step that stayed
    /// silent for <paramref name="kvmFirstOutput"/> (the caller falls back to TCG); any other step out of budget throws.
    /// </summary>
    public static async Task<BootStep?> FollowAsync(IReadOnlyList<BootStep> steps, BootTimeline timeline, bool underKvm, TimeSpan kvmFirstOutput, CancellationToken ct)
    {
        foreach (var step in steps)
        {
            if (underKvm && step.FirstOutput)
            {
                if (!await TimelineWaits.TryWaitAsync(timeline, step.Milestone, step.Budget < kvmFirstOutput ? step.Budget : kvmFirstOutput, ct)) return step;
                continue;
            }
            await TimelineWaits.WaitForAsync(timeline, step.Milestone, step.Budget, ct);
        }
        return null;
    }

    /// <summary>Which of the plan's ready signals came first (the SSH server started, or the init settled), or null when none came in time.</summary>
    public static Task<string?> WaitUntilReadyAsync(BootPlan plan, BootTimeline timeline, CancellationToken ct) =>
        TimelineWaits.WaitForFirstAsync(timeline, plan.ReadyWhen, plan.ReadyBudget, ct);
}
