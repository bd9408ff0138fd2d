using System.Diagnostics;
using BootTests.Guest;
using BootTests.Qemu.Qmp;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Rebooting the guest: the same QEMU resets instead of exiting, the new boot gets a timeline of its own, SSH comes back with the same pinned key.</summary>
public sealed partial class BootSession
{
    private const string BootIdCommand = "cat /proc/sys/kernel/random/boot_id";
    private volatile BootTimeline? nextTimeline;

    /// <summary>
    /// Reboots the guest the way its init does, follows the new boot on the console to SSH as StartAsync does (its
    /// milestones in a new <see cref="Timeline"/>), and returns the new boot id; a guest that comes back with the old boot
    /// id, or a boot that fails, throws (BootFailedException for the latter, with the console).
    /// </summary>
    public async Task<string> RebootAsync(CancellationToken ct = default)
    {
        var before = (await SucceedAsync(BootIdCommand, ct: ct).ConfigureAwait(false)).Trim();
        var clock = Stopwatch.StartNew();
        var command = GuestInitCommands.Reboot(Init);
        try
        {
            // -no-reboot makes a guest reboot end QEMU (so a panic ends the run); this once it resets the machine.
            await Machine.SetGuestRebootResetsAsync(true, ct).ConfigureAwait(false);
            var next = NewTimeline();
            nextTimeline = next;
            options.Progress?.Report($"waiting for the guest to boot again after '{command}'");
            await SendWhileTheGuestGoesAsync(command, ct).ConfigureAwait(false);
            await shell!.DisposeAsync().ConfigureAwait(false);
            shell = null;
            using var slot = options.BootSlots is { } slots ? await slots.AcquireAsync(Machine.AcceleratorInUse, options.Progress, ct).ConfigureAwait(false) : null;
            var toKernel = Plan.ToKernel.ToList();
            toKernel[0] = toKernel[0] with { Budget = toKernel[0].Budget + Budgets.PowerOff };
            await BootPlanFollower.FollowAsync(toKernel, next, underKvm: false, Budgets.KvmFirstOutput, ct).ConfigureAwait(false);
            await Machine.SetGuestRebootResetsAsync(false, ct).ConfigureAwait(false);
            await BootPlanFollower.FollowAsync(Plan.AfterKernel, next, underKvm: false, Budgets.KvmFirstOutput, ct).ConfigureAwait(false);
            CheckInitIsTheExpectedOne();
            shell = await ConnectWhenReadyAsync(ct).ConfigureAwait(false);
            Timeline.Reach(Milestones.SshReady, Machine.HostSeconds);
            WriteSshLogin();
        }
        catch (Exception e)
        {
            if (Translate(e) is not { } translated) throw;
            throw translated;
        }
        finally
        {
            nextTimeline = null;
        }
        var after = (await SucceedAsync(BootIdCommand, ct: ct).ConfigureAwait(false)).Trim();
        if (after == before)
        {
            throw new BootTestsException(ExitCode.CheckFailed, BootTests.Stage.PowerOff,
                $"After '{command}' the guest answered with the same boot id {before}: it did not reboot. Console: {ConsoleLogPath}");
        }
        options.Progress?.Report($"the guest to boot again took {clock.Elapsed.TotalSeconds:F1} s (boot id {after})");
        return after;
    }

    // The guest's reset is where its next boot begins: from here on the console feeds the new timeline.
    private void OnQmpEvent(QmpEvent qmpEvent)
    {
        if (qmpEvent.Name != "RESET" || nextTimeline is not { } next || feed is null) return;
        feed.Timeline = next;
        Timeline = next;
        Interlocked.Exchange(ref consoleCursor, ConsoleHistory.Next);
    }
}
