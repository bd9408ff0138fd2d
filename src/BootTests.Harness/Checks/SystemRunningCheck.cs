using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Checks;

/// <summary>
/// The init settled with nothing failed: `systemctl is-system-running` under systemd; the default runlevel and no init
/// script that failed (the console says so; sysvinit keeps no record) under sysvinit; `rc-status` with every service of
/// the default runlevel started and none crashed under OpenRC. BusyBox init keeps no state to ask: not applicable.
/// </summary>
public sealed class SystemRunningCheck : IRamRootCheck
{
    internal const int WaitSeconds = 60;

    public string Name => "system-running";

    public Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct) => context.Init switch
    {
        InitSystem.Systemd => SystemdAsync(guest, ct),
        InitSystem.Sysvinit => SysvinitAsync(guest, context, ct),
        InitSystem.OpenRC => OpenRcAsync(guest, context, ct),
        _ => Task.FromResult(CheckResult.NotApplicable(Name, "the init settled with nothing failed",
            $"{(context.Init == InitSystem.BusyBox ? "BusyBox init" : "an init this harness does not know")} keeps no record of its services to ask")),
    };

    private async Task<CheckResult> SystemdAsync(IGuestShell guest, CancellationToken ct)
    {
        // coreutils timeout bounds --wait, which otherwise blocks as long as any job is queued.
        var state = await guest.RunAsync($"timeout {WaitSeconds} systemctl is-system-running --wait", TimeSpan.FromSeconds(WaitSeconds + 15), ct).ConfigureAwait(false);
        var stateText = state.Stdout.Trim();
        if (stateText == "running") return new CheckResult(Name, true, "running", "running");
        if (state.ExitStatus == 124) stateText = $"{(stateText.Length == 0 ? "unknown" : stateText)} (not settled after {WaitSeconds} s)";

        var failed = await guest.RunAsync("systemctl --failed --plain --no-legend", ct: ct).ConfigureAwait(false);
        var units = GuestFiles.Lines(failed.Stdout).Select(line => line.Split(' ', 2)[0]).ToList();
        var jobs = await guest.RunAsync("systemctl list-jobs --plain --no-legend", ct: ct).ConfigureAwait(false);
        // "ID UNIT TYPE STATE": what systemd still waits for is the cause when it never settles (e.g. dev-ttyS0.device).
        var pending = GuestFiles.Lines(jobs.Stdout).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 4).Select(f => $"{f[1]} ({f[2]}, {f[3]})").ToList();
        return new CheckResult(Name, false, "running",
            $"{stateText}; failed units: {(units.Count == 0 ? "none" : string.Join(", ", units))}; pending jobs: {(pending.Count == 0 ? "none" : string.Join(", ", pending))}");
    }

    private async Task<CheckResult> SysvinitAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        const string expected = "the default runlevel of /etc/inittab, and no init script failed";
        var probe = await guest.RunAsync("runlevel; sed -n 's/^[^#:]*:\\([0-9S]\\):initdefault:.*/\\1/p' /etc/inittab", ct: ct).ConfigureAwait(false);
        var lines = GuestFiles.Lines(probe.Stdout);
        var current = lines.ElementAtOrDefault(0)?.Split(' ').LastOrDefault() ?? "unknown";
        var wanted = lines.ElementAtOrDefault(1) ?? "2";
        var failures = context.InitScriptFailures ?? [];
        var actual = $"runlevel {current} (default {wanted}); init scripts that failed: {(failures.Count == 0 ? "none" : string.Join("; ", failures))}";
        return new CheckResult(Name, current == wanted && failures.Count == 0, expected, actual);
    }

    private async Task<CheckResult> OpenRcAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        const string expected = "runlevel default with every service started, none crashed, and no service failed to start";
        var runlevel = (await guest.RunAsync("rc-status -r", ct: ct).ConfigureAwait(false)).Stdout.Trim();
        var crashed = GuestFiles.Lines((await guest.RunAsync("rc-status --crashed", ct: ct).ConfigureAwait(false)).Stdout);
        // " sshd   [  started  ]": anything but started in the default runlevel did not come up.
        var notStarted = GuestFiles.Lines((await guest.RunAsync("rc-status default", ct: ct).ConfigureAwait(false)).Stdout)
            .Where(l => l.Contains('[') && !l.Contains("started", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not "[" and not "]"))).ToList();
        var failures = context.InitScriptFailures ?? [];
        var actual = $"runlevel {(runlevel.Length == 0 ? "unknown" : runlevel)}; not started: {List(notStarted)}; crashed: {List(crashed)}; failed to start: {List(failures)}";
        return new CheckResult(Name, runlevel == "default" && notStarted.Count == 0 && crashed.Count == 0 && failures.Count == 0, expected, actual);
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join("; ", items);
}
