namespace BootTests.Serial;

public sealed partial class BootTimeline
{
    private readonly Dictionary<string, TaskCompletionSource<MilestoneRecord>> waiters = [];
    private StageFailedException? failureException;

    /// <summary>Completes when <paramref name="milestone"/> is reached; faults at once with
    /// <see cref="FatalConsoleLineException"/> on a fatal line, or <see cref="StageFailedException"/> after <see cref="Fail"/>.</summary>
    public Task<MilestoneRecord> WaitForAsync(string milestone, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var record = reached.Find(r => r.Name == milestone);
            if (record is not null)
                return Task.FromResult(record);
            if (failureException is not null)
                return Task.FromException<MilestoneRecord>(failureException);
            if (!waiters.TryGetValue(milestone, out var waiter))
            {
                waiter = new TaskCompletionSource<MilestoneRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add(milestone, waiter);
            }
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Faults every current and future wait for an unreached milestone (e.g. because QEMU exited).</summary>
    /// <returns>False when the boot had already failed: the first failure is kept as the cause.</returns>
    public bool Fail(BootFailure failure)
    {
        lock (gate) return FailOnce(failure, console: false);
    }

    private bool FailOnce(BootFailure newFailure, bool console)
    {
        if (failure is not null)
            return false;
        failure = newFailure;
        failureException = console ? new FatalConsoleLineException(newFailure) : new StageFailedException(newFailure);
        foreach (var waiter in waiters.Values)
            waiter.TrySetException(failureException);
        waiters.Clear();
        return true;
    }
}
