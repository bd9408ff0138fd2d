using BootTests.Qemu.Qmp;

namespace BootTests.Qemu;

/// <summary>How QEMU ends: watching it exit, and stopping it politely, then firmly, then by force.</summary>
public sealed partial class QemuMachine
{
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);
    private volatile bool guestPanicked;
    private volatile string? shutdownReason;
    private int disposed;

    private void OnQmpEvent(QmpEvent qmpEvent)
    {
        if (qmpEvent.Name == "GUEST_PANICKED")
        {
            guestPanicked = true;
        }
        else if (qmpEvent.Name == "SHUTDOWN" && qmpEvent.Data.TryGetProperty("reason", out var reason))
        {
            shutdownReason = reason.GetString();
        }
    }

    private async Task WatchExitAsync()
    {
        await process.WaitForExitAsync();
        var seconds = HostSeconds;
        await Task.WhenAny(stderrPump, Task.Delay(TimeSpan.FromSeconds(2)));
        if (this.qmp is { } qmp)
        {
            // Events QEMU sent just before exiting are still being read.
            await Task.WhenAny(qmp.Closed, Task.Delay(TimeSpan.FromSeconds(1)));
        }
        exited.TrySetResult(new QemuExit(process.ExitCode, stderr.Text, guestPanicked, shutdownReason, seconds));
    }

    /// <summary>Stops QEMU if it still runs (QMP quit, SIGTERM, SIGKILL), then releases everything; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await StopQemuAsync();
        }
        catch (Exception)
        {
            // Dispose must complete; the last resort below still runs.
        }
        TryKill();
        watchdog?.Dispose();
        await IgnoringFailures(() => drain.WaitAsync(TimeSpan.FromSeconds(2)));
        console?.Dispose();
        await IgnoringFailures(() => drain.WaitAsync(TimeSpan.FromSeconds(2)));
        if (qmp is not null)
        {
            await IgnoringFailures(() => qmp.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2)));
        }
        await IgnoringFailures(() => exited.Task.WaitAsync(TimeSpan.FromSeconds(3)));
        sockets.Dispose();
        process.Dispose();
    }

    private async Task StopQemuAsync()
    {
        if (Exited.IsCompleted)
        {
            return;
        }
        if (qmp is not null)
        {
            using var quitTimeout = new CancellationTokenSource(QuitGrace);
            await IgnoringFailures(() => qmp.QuitAsync(quitTimeout.Token));
            if (await ExitsWithinAsync(QuitGrace))
            {
                return;
            }
        }
        PosixSignals.Send(Pid, PosixSignals.SigTerm);
        if (await ExitsWithinAsync(TermGrace))
        {
            return;
        }
        TryKill();
        await ExitsWithinAsync(KillGrace);
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void TryKill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (Exception)
        {
            // Already gone, or never started: nothing left to kill.
        }
    }

    private static async Task IgnoringFailures(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception)
        {
            // Clean-up steps are best effort; each is bounded by its own timeout.
        }
    }
}
