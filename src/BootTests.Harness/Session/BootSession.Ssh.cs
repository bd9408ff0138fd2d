using BootTests.Guest;
using BootTests.Images;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Getting in: SSH once the console shows the SSH server up, or a short bounded try when the init settled without saying so.</summary>
public sealed partial class BootSession
{
    // Knocking before the SSH server runs only lands attempts that hang until their timeout (QEMU accepts TCP for the
    // guest); images whose console never shows it starting are tried anyway once the wait runs out.
    private async Task<SshGuestShell> ConnectWhenReadyAsync(CancellationToken ct)
    {
        var plan = Plan;
        var first = await BootPlanFollower.WaitUntilReadyAsync(plan, Timeline, ct);
        if (first == Milestones.Settled && Timeline.Find(Milestones.SshdStarted) is null)
        {
            var byMultiUser = Timeline.Find(Milestones.MultiUser) is not null;
            return await ConnectWithoutSshdLineAsync(byMultiUser, byMultiUser ? Budgets.SshAfterMultiUser : Budgets.SshAfterLoginPrompt, ct);
        }
        if (first is null)
            options.Progress?.Report($"no '{Milestones.SshdStarted}' or '{Milestones.Settled}' on the console within {plan.ReadyBudget.TotalSeconds:F0} s; trying SSH anyway");
        return await ConnectAsync(Budgets.SshReady, ct);
    }

    /// <summary>
    /// multi-user.target waits for the services it wants, ssh.service among them, and other inits start their SSH server
    /// before their login prompt: settling with no SSH server on the console means it is not going to start. systemd
    /// stops printing status once the serial getty owns the console, so after a login prompt SSH gets a little longer.
    /// The short try also lets in images whose SSH server starts without a console line (socket activation).
    /// </summary>
    private async Task<SshGuestShell> ConnectWithoutSshdLineAsync(bool byMultiUser, TimeSpan budget, CancellationToken ct)
    {
        var at = Timeline.Find(Milestones.Settled)!.HostSeconds;
        options.Progress?.Report($"the guest settled at {at:F1} s with no SSH server on the console; trying SSH for {budget.TotalSeconds:F0} s");
        try
        {
            return await ConnectAsync(budget, ct);
        }
        catch (SshNotReadyException e)
        {
            var console = byMultiUser
                ? $"the guest reached multi-user.target at {at:F1} s with no 'Started ssh.service' on the console"
                : $"the guest showed its login prompt at {at:F1} s with no SSH server started on the console before it";
            throw new StageFailedException(FailureAt(Milestones.SshdStarted,
                $"sshd never started: {console}, and SSH on 127.0.0.1:{Machine.SshHostPort} did not answer in the {budget.TotalSeconds:F0} s after it ({e.Attempts} attempts). "
                + WhereToLook()));
        }
    }

    private string WhereToLook() => (Timeline.Init == InitSystem.Unknown ? target.ExpectedInit ?? InitSystem.Unknown : Timeline.Init) switch
    {
        InitSystem.Systemd => "Is ssh.service installed, enabled and not masked in the image? (`systemctl status ssh` in the guest)",
        InitSystem.Sysvinit => "Is the SSH server's init script installed and linked into the default runlevel? (`ls /etc/rc2.d`, `service ssh status` in the guest)",
        InitSystem.OpenRC => "Is the SSH service in the default runlevel? (`rc-status`, `rc-update add ssh default` in the guest)",
        _ => "Does the image's init start an SSH server (OpenSSH's sshd or dropbear), e.g. from /etc/inittab or its rc script?",
    };

    private async Task<SshGuestShell> ConnectAsync(TimeSpan budget, CancellationToken ct)
    {
        var endpoint = new GuestEndpoint("127.0.0.1", Machine.SshHostPort);
        var readiness = new SshReadiness(budget, () =>
        {
            if (Timeline.Failure is { } seen) throw new StageFailedException(seen);
        });
        return await SshGuestShell.ConnectAsync(endpoint, target.Credentials, target.HostKey, readiness, ct);
    }
}
