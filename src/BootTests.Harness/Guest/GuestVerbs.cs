using BootTests.Images;

namespace BootTests.Guest;

/// <summary>
/// The test kit's verbs on a guest shell, after NixOS's test driver: run a command expecting an outcome, or wait for a
/// state of the guest. Every wait is logged ("waiting for X", "X took N s") and on its last try says what it saw.
/// </summary>
public sealed class GuestVerbs(IGuestShell shell, InitSystem init, IProgress<string>? log = null)
{
    /// <summary>How long a wait lasts unless told otherwise; sized for TCG, where a service can take a minute to start.</summary>
    public static TimeSpan DefaultWait { get; } = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan PerTry = TimeSpan.FromSeconds(30);

    /// <summary>Runs the command and returns its stdout; a non-zero exit throws <see cref="GuestCommandFailedException"/> with its output.</summary>
    public async Task<string> SucceedAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var result = await shell.RunAsync(command, timeout, ct).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout : throw new GuestCommandFailedException(result, "succeed (exit 0)");
    }

    /// <summary>Runs the command and returns its result; exit 0 throws <see cref="GuestCommandFailedException"/> with its output.</summary>
    public async Task<GuestCommandResult> FailAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var result = await shell.RunAsync(command, timeout, ct).ConfigureAwait(false);
        return !result.Succeeded ? result : throw new GuestCommandFailedException(result, "fail (exit non-zero)");
    }

    /// <summary>Runs the command once a second until it exits 0 and returns its stdout; at the budget's end, throws with its last exit code and output.</summary>
    public Task<string> WaitUntilSucceedsAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Waiting.ForAsync($"'{command}' to succeed", timeout ?? DefaultWait, async c =>
        {
            var result = await shell.RunAsync(command, PerTry, c).ConfigureAwait(false);
            return result.Succeeded ? WaitTry<string>.Success(result.Stdout) : WaitTry<string>.NotYet(Outcome(result));
        }, log, BootTests.Stage.Guest, ct);

    /// <summary>Runs the command once a second until it exits non-zero; returns that result.</summary>
    public Task<GuestCommandResult> WaitUntilFailsAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Waiting.ForAsync($"'{command}' to fail", timeout ?? DefaultWait, async c =>
        {
            var result = await shell.RunAsync(command, PerTry, c).ConfigureAwait(false);
            return !result.Succeeded ? WaitTry<GuestCommandResult>.Success(result) : WaitTry<GuestCommandResult>.NotYet(Outcome(result));
        }, log, BootTests.Stage.Guest, ct);

    /// <summary>Waits until the path exists in the guest; on the last try says what its folder held.</summary>
    public Task WaitForFileAsync(string path, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var folder = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : ".";
        var probe = $"if test -e {ShellWord.Quote(path)}; then exit 0; fi; ls -la -- {ShellWord.Quote(folder)} 2>&1; exit 1";
        return Waiting.ForAsync($"file {path}", timeout ?? DefaultWait, async c =>
        {
            var result = await shell.RunAsync(probe, PerTry, c).ConfigureAwait(false);
            return result.Succeeded ? WaitTry<bool>.Success(true)
                : WaitTry<bool>.NotYet($"no {path}; `ls -la {folder}` showed: {Flat(result.Stdout + result.Stderr)}");
        }, log, BootTests.Stage.Guest, ct);
    }

    /// <summary>Waits until something in the guest listens on TCP <paramref name="port"/> (read from /proc/net/tcp and tcp6, so any guest with cat will do).</summary>
    public Task WaitForOpenPortAsync(int port, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Waiting.ForAsync($"TCP port {port} to listen in the guest", timeout ?? DefaultWait, async c =>
        {
            var result = await shell.RunAsync("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null", PerTry, c).ConfigureAwait(false);
            var listening = ListeningTcpPorts.Parse(result.Stdout);
            return listening.Contains(port) ? WaitTry<bool>.Success(true)
                : WaitTry<bool>.NotYet(listening.Count == 0 ? "no TCP port listening" : $"listening on TCP {string.Join(", ", listening)} only");
        }, log, BootTests.Stage.Guest, ct);
    }

    /// <summary>
    /// Waits until the systemd unit is active; a unit that failed or does not exist throws at once with `systemctl status`.
    /// systemd's only: on another init it throws at once, saying what to wait with instead.
    /// </summary>
    public async Task WaitForUnitAsync(string unit, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (init is not (InitSystem.Systemd or InitSystem.Unknown))
        {
            throw BootTestsException.Usage(BootTests.Stage.Guest,
                $"WaitForUnitAsync(\"{unit}\") waits for a systemd unit, but this guest's init is {init.Name()}, which has no units. "
                + $"Wait for what the service does instead: WaitForOpenPortAsync(PORT), WaitForFileAsync(PIDFILE), or WaitUntilSucceedsAsync(\"{StatusCommand(unit)}\").");
        }
        var show = $"systemctl show --property=LoadState,ActiveState,SubState -- {ShellWord.Quote(unit)}";
        await Waiting.ForAsync($"unit {unit} to be active", timeout ?? DefaultWait, async c =>
        {
            var result = await shell.RunAsync(show, PerTry, c).ConfigureAwait(false);
            var state = UnitState.Parse(result.Stdout);
            if (state.Active == "active") return WaitTry<bool>.Success(true);
            if (state.Load == "not-found" || state.Active == "failed")
            {
                var status = await shell.RunAsync($"systemctl status --no-pager --lines=20 -- {ShellWord.Quote(unit)} 2>&1", PerTry, c).ConfigureAwait(false);
                throw new BootTestsException(ExitCode.CheckFailed, BootTests.Stage.Guest,
                    $"Unit {unit} {(state.Load == "not-found" ? "does not exist" : "failed")} ({state}); `systemctl status {unit}` says:\n{status.Stdout.TrimEnd()}");
            }
            return WaitTry<bool>.NotYet(result.Succeeded ? state.ToString() : Outcome(result));
        }, log, BootTests.Stage.Guest, ct).ConfigureAwait(false);
    }

    private string StatusCommand(string unit)
    {
        var service = unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^8] : unit;
        return init == InitSystem.OpenRC ? $"rc-service {service} status" : $"service {service} status";
    }

    private static string Outcome(GuestCommandResult r) => $"exit {r.ExitStatus}, stdout: {Flat(r.Stdout)}, stderr: {Flat(r.Stderr)}";

    private static string Flat(string text)
    {
        var flat = PrintableText.Of(text.Trim().ReplaceLineEndings(" | "));
        return flat.Length == 0 ? "(empty)" : flat.Length > 400 ? flat[..400] + "…" : flat;
    }
}
