using BootTests.Guest;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>Getting in: SSH once the console shows sshd up, or a short bounded try when it never says so.</summary>
public sealed partial class BootSession
{
    // Knocking before sshd runs only lands attempts that hang until their timeout (QEMU accepts TCP for the guest);
    // images whose console never shows sshd starting are tried anyway once the wait runs out.
    private async Task<SshGuestShell> ConnectWhenSshdIsUpAsync(CancellationToken ct)
    {
        var budgets = Budgets;
        var first = await WaitForFirstAsync([Milestones.SshdStarted, Milestones.MultiUser, Milestones.LoginPrompt], budgets.SshReady / 2, ct);
        if (first is Milestones.MultiUser or Milestones.LoginPrompt && Timeline.Find(Milestones.SshdStarted) is null)
            return await ConnectWithoutSshdLineAsync(first, first == Milestones.MultiUser ? budgets.SshAfterMultiUser : budgets.SshAfterLoginPrompt, ct);
        if (first is null)
            options.Progress?.Report($"no '{Milestones.SshdStarted}' on the console within {(budgets.SshReady / 2).TotalSeconds:F0} s; trying SSH anyway");
        return await ConnectAsync(budgets.SshReady, ct);
    }

    /// <summary>
    /// multi-user.target waits for the services it wants, ssh.service among them: reaching it with no sshd on the console
    /// means sshd is not going to start. systemd stops printing status once the serial getty owns the console, so after a
    /// login prompt the console cannot tell; SSH gets a little longer then. The short try also lets in images whose sshd
    /// starts without a console line (socket activation).
    /// </summary>
    private async Task<SshGuestShell> ConnectWithoutSshdLineAsync(string seen, TimeSpan budget, CancellationToken ct)
    {
        var at = Timeline.Find(seen)!.HostSeconds;
        options.Progress?.Report($"{seen} reached at {at:F1} s with no sshd on the console; trying SSH for {budget.TotalSeconds:F0} s");
        try
        {
            return await ConnectAsync(budget, ct);
        }
        catch (SshNotReadyException e)
        {
            var console = seen == Milestones.MultiUser
                ? $"the guest reached multi-user.target at {at:F1} s with no 'Started ssh.service' on the console"
                : $"the guest showed its login prompt at {at:F1} s with no 'Started ssh.service' on the console before it";
            throw new StageFailedException(FailureAt(Milestones.SshdStarted,
                $"sshd never started: {console}, and SSH on 127.0.0.1:{Machine.SshHostPort} did not answer in the {budget.TotalSeconds:F0} s after it ({e.Attempts} attempts). "
                + "Is ssh.service installed, enabled and not masked in the image? (`systemctl status ssh` in the guest)"));
        }
    }

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
