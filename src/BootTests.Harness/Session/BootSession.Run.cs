using System.Diagnostics;
using BootTests.Checks;
using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Session;

/// <summary>The lifecycle in one place: a whole run (start, checks, report, verdict), powering off, and waiting for QEMU's end.</summary>
public sealed partial class BootSession
{
    /// <summary>
    /// Boots, runs the checks (all of the RAM-root checks unless given; none with []) and reports; a failed boot is part of
    /// the outcome (exit 2), not an exception. Cancellation and harness bugs still throw.
    /// </summary>
    public async Task<RunOutcome> RunAsync(IReadOnlyList<IRamRootCheck>? checks = null, CancellationToken ct = default)
    {
        IReadOnlyList<CheckResult> results = [];
        try
        {
            await StartAsync(ct).ConfigureAwait(false);
            if (checks is not { Count: 0 }) results = await RunChecksAsync(ct, checks).ConfigureAwait(false);
        }
        catch (BootFailedException e)
        {
            return new RunOutcome(CreateReport(results), e);
        }
        return new RunOutcome(CreateReport(results), null);
    }

    /// <summary>The init the guest runs, as the console showed it, else as the image was built.</summary>
    public InitSystem Init => Timeline.Init != InitSystem.Unknown ? Timeline.Init : target.ExpectedInit ?? InitSystem.Unknown;

    /// <summary>
    /// Powers the guest off the way its init does (systemctl under systemd, poweroff under sysvinit, OpenRC and BusyBox),
    /// waits up to <paramref name="budget"/> (BootBudgets.PowerOff) for QEMU to exit by itself, and then stops it (QMP quit,
    /// SIGTERM, SIGKILL). Without an SSH connection (a failed boot) it goes straight to QMP quit. Never leaves QEMU running.
    /// </summary>
    public async Task<PowerOffOutcome> PowerOffAsync(TimeSpan? budget = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        if (machine is null) return new PowerOffOutcome(null, false, 0, null);
        if (machine.Exited.IsCompleted) return new PowerOffOutcome(null, true, 0, machine.Exited.Result.ExitCode);
        poweringOff = true;
        string? command = null;
        if (shell is not null)
        {
            command = GuestInitCommands.PowerOff(Init);
            await SendWhileTheGuestGoesAsync(command, ct).ConfigureAwait(false);
            await shell.DisposeAsync().ConfigureAwait(false);
            shell = null;
            var limit = budget ?? Budgets.PowerOff;
            options.Progress?.Report($"waiting for QEMU to exit after '{command}'");
            if (await ExitsWithinAsync(limit, ct).ConfigureAwait(false))
            {
                options.Progress?.Report($"QEMU to exit took {clock.Elapsed.TotalSeconds:F1} s");
                return new PowerOffOutcome(command, true, clock.Elapsed.TotalSeconds, machine.Exited.Result.ExitCode);
            }
            options.Progress?.Report($"QEMU still runs {limit.TotalSeconds:F0} s after '{command}' (last console line: "
                + $"'{PrintableText.Of(ConsoleHistory.Last(1).FirstOrDefault() ?? "(none)")}'); quitting it over QMP");
        }
        await machine.DisposeAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return new PowerOffOutcome(command, false, clock.Elapsed.TotalSeconds, machine.Exited.IsCompletedSuccessfully ? machine.Exited.Result.ExitCode : null);
    }

    /// <summary>Waits until QEMU exits for whatever reason (the guest powered off, or QEMU was stopped) and returns how.</summary>
    public Task<Qemu.QemuExit> WaitForExitAsync(CancellationToken ct = default) => Machine.Exited.WaitAsync(ct);

    // The guest may drop the connection while the command is still being answered: that is the command working.
    private async Task SendWhileTheGuestGoesAsync(string command, CancellationToken ct)
    {
        try
        {
            var result = await shell!.RunAsync(command, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            if (!result.Succeeded) options.Progress?.Report($"'{command}' exited {result.ExitStatus}: {PrintableText.Of(result.Stderr.Trim())}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            options.Progress?.Report($"the SSH connection ended while '{command}' ran ({e.GetType().Name}), as the guest went down");
        }
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan limit, CancellationToken ct)
    {
        var exited = Machine.Exited;
        return await Task.WhenAny(exited, Task.Delay(limit, ct)).ConfigureAwait(false) == exited;
    }
}
