using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>systemd settles in state <c>running</c>: every unit started, none failed.</summary>
public sealed class SystemRunningCheck : IRamRootCheck
{
    internal const int WaitSeconds = 60;

    public string Name => "system-running";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        // coreutils timeout bounds --wait, which otherwise blocks as long as any job is queued.
        var state = await guest.RunAsync(
            $"timeout {WaitSeconds} systemctl is-system-running --wait",
            TimeSpan.FromSeconds(WaitSeconds + 15),
            ct).ConfigureAwait(false);
        var stateText = state.Stdout.Trim();
        if (stateText == "running")
        {
            return new CheckResult(Name, Passed: true, "running", "running");
        }

        if (state.ExitStatus == 124)
        {
            stateText = $"{(stateText.Length == 0 ? "unknown" : stateText)} (not settled after {WaitSeconds} s)";
        }

        var failed = await guest.RunAsync("systemctl --failed --plain --no-legend", ct: ct).ConfigureAwait(false);
        var units = GuestFiles.Lines(failed.Stdout).Select(line => line.Split(' ', 2)[0]).ToList();
        var unitsText = units.Count == 0 ? "none" : string.Join(", ", units);
        return new CheckResult(Name, Passed: false, "running", $"{stateText}; failed units: {unitsText}");
    }
}
