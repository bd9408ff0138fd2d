using BootTests.BootMedia;
using BootTests.Checks;
using BootTests.Console;
using BootTests.Guest;
using BootTests.Host;
using BootTests.Qemu;
using BootTests.Reports;
using BootTests.Session;

namespace BootTests;

/// <summary>
/// The one place the stages meet: boot a target in QEMU, follow its console to the milestones, SSH in, run the
/// checks, report. Create one with <see cref="BootSessionBuilder"/>, then StartAsync, use it, DisposeAsync.
/// </summary>
public sealed class BootSession : IAsyncDisposable
{
    private readonly BootTarget target;
    private readonly BootSessionOptions options;
    private readonly BootMedium medium;
    private BootFileServer? fileServer;
    private QemuMachine? machine;
    private SshGuestShell? shell;
    private AcceleratorDecision? accelerator;
    private BootFailure? failure;

    internal BootSession(BootTarget target, BootMedium medium, BootSessionOptions options)
    {
        this.target = target;
        this.medium = medium;
        this.options = options;
        RunDirectory = NewRunDirectory(options.RunsFolder, target.Name);
    }

    public BootTarget Target => target;
    public BootTimeline Timeline { get; } = new();
    public string RunDirectory { get; }
    public string ConsoleLogPath => Path.Combine(RunDirectory, "console.log");
    public string QemuArgvPath => Path.Combine(RunDirectory, "qemu-argv.txt");

    /// <summary>The HTTP server's request log (boot via ipxe).</summary>
    public string HttpLogPath => Path.Combine(RunDirectory, "http.log");

    public BootVia BootVia => medium.Via;

    /// <summary>The machine, once started.</summary>
    public QemuMachine Machine => machine ?? throw new InvalidOperationException("The session has not been started.");

    /// <summary>The SSH shell into the guest, once StartAsync has returned.</summary>
    public IGuestShell Guest => shell ?? throw new InvalidOperationException("The guest is not reachable over SSH yet: call StartAsync first.");

    public Accelerator? AcceleratorInUse => machine?.AcceleratorInUse;

    /// <summary>Boots and waits until the guest answers over SSH; a failure throws BootFailedException at once, with evidence.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Prerequisites.Require([.. Prerequisites.ForBoot, .. Prerequisites.ForBootVia(medium.Via)]);
        try
        {
            accelerator = await AcceleratorProbe.DecideAsync(options.Accelerator, new AcceleratorProbeOptions { QemuBinary = options.QemuBinary }, ct);
            if (options.Accelerator == AcceleratorChoice.Auto && accelerator.Accelerator == Accelerator.Tcg)
                options.Progress?.Report($"warning: {accelerator.Reason}");
            var budgets = accelerator.Accelerator == Accelerator.Kvm ? options.Budgets.Scaled(0.5) : options.Budgets;

            options.Progress?.Report($"boot: {target.Name} via {medium.Via.Name()} under {accelerator.Accelerator.ToString().ToLowerInvariant()}, {target.MemoryMiB} MiB; run files in {RunDirectory}");
            if (medium.Via == BootVia.GrubUefi)
                File.Copy(OvmfFiles.VarsTemplate, OvmfFiles.VarsIn(RunDirectory), overwrite: true);
            if (medium.Via == BootVia.Ipxe)
                fileServer = await BootFileServer.StartAsync(target.KernelPath, target.InitrdPath, options.Append, OnBootFile, HttpLogPath, ct);
            machine = await QemuMachine.StartAsync(new QemuLaunchOptions
            {
                QemuBinary = options.QemuBinary,
                KernelPath = target.KernelPath,
                InitrdPath = target.InitrdPath,
                Append = options.Append,
                BootVia = medium.Via,
                BootCdPath = medium.CdPath,
                BootServerPort = fileServer?.Port,
                MemoryMiB = target.MemoryMiB,
                Cpus = options.Cpus,
                Accelerator = accelerator.Accelerator,
                RunDirectory = RunDirectory,
            }, new ConsoleFeed(Timeline, options.ConsoleEcho), ct);
            _ = machine.Exited.ContinueWith(t => OnQemuExited(t.Result), TaskScheduler.Default);

            if (medium.Via != BootVia.Direct)
            {
                await WaitForAsync(Milestones.Bootloader, budgets.Bootloader, ct);
                await WaitForAsync(medium.Via == BootVia.Ipxe ? Milestones.DownloadEnd : Milestones.InitrdLoaded, budgets.Load, ct);
            }
            await WaitForAsync(Milestones.KernelStart, medium.Via == BootVia.Direct ? budgets.KernelStart : budgets.Handover, ct);
            await WaitForAsync(Milestones.InitStart, budgets.InitStart, ct);
            await WaitForAsync(Milestones.ExtractEnd, budgets.Extract, ct);
            await WaitForAsync(Milestones.SystemdStart, budgets.SystemdStart, ct);
            // Knocking before sshd runs only lands attempts that hang until their timeout (QEMU accepts TCP for the
            // guest); images whose console never shows sshd starting are tried anyway once the wait runs out.
            var first = await WaitForFirstAsync([Milestones.SshdStarted, Milestones.MultiUser, Milestones.LoginPrompt], budgets.SshReady / 2, ct);
            if (first is Milestones.MultiUser or Milestones.LoginPrompt && Timeline.Find(Milestones.SshdStarted) is null)
                shell = await ConnectWithoutSshdLineAsync(first, first == Milestones.MultiUser ? budgets.SshAfterMultiUser : budgets.SshAfterLoginPrompt, ct);
            else
            {
                if (first is null)
                    options.Progress?.Report($"no '{Milestones.SshdStarted}' on the console within {(budgets.SshReady / 2).TotalSeconds:F0} s; trying SSH anyway");
                shell = await ConnectAsync(budgets.SshReady, ct);
            }
            Timeline.Reach(Milestones.SshReady, machine.HostSeconds);
            options.Progress?.Report($"ssh-ready at {machine.HostSeconds:F1} s ({shell.Attempts} attempts)");
        }
        catch (BootFailureException e)
        {
            throw Fail(e.Failure, e);
        }
        catch (Exception e) when (e is SshNotReadyException or HostKeyMismatchException or SshAuthenticationFailedException)
        {
            throw Fail(FailureAt(Milestones.SshReady, e.Message), e);
        }
        catch (BootTestsException e) when (e is not BootFailedException && e.ExitCode == ExitCode.BootFailed)
        {
            throw Fail(FailureAt(e.Stage, e.Message), e);
        }
    }

    /// <summary>Runs the RAM-root checks; a check that fails is a result, not an exception.</summary>
    public Task<IReadOnlyList<CheckResult>> RunChecksAsync(CancellationToken ct = default, IReadOnlyList<IRamRootCheck>? checks = null) =>
        RamRootCheckRunner.RunAllAsync(Guest, new CheckContext(target.ExpectedTmpfsBytes, Timeline.Warnings.Select(w => w.Line).ToList()), ct, checks);

    /// <summary>The report of this run so far: milestones, the given checks, warnings, any failure, the run files.</summary>
    public RunReport CreateReport(IReadOnlyList<CheckResult> checks) => new(
        Accelerator: (machine?.AcceleratorInUse ?? accelerator?.Accelerator)?.ToString().ToLowerInvariant() ?? "none",
        QemuVersion: machine?.QemuVersion ?? "",
        KernelVersion: target.KernelVersion ?? "",
        BootVia: medium.Via.Name(),
        Milestones: Timeline.Reached.Select(m => new ReportMilestone(m.Name, Math.Round(m.HostSeconds, 3), m.GuestSeconds)).ToList(),
        Checks: checks,
        Warnings: Timeline.Warnings.Select(w => w.Line).ToList(),
        Failure: failure is null ? null : new ReportFailure(failure.Stage, failure.Reason, failure.ConsoleTail),
        Artifacts: Artifacts(),
        HostKeyPinned: target.HostKey.IsPinned,
        HostKeyFingerprint: shell?.HostKeyFingerprint);

    public async ValueTask DisposeAsync()
    {
        if (shell is not null) await shell.DisposeAsync();
        if (machine is not null) await machine.DisposeAsync();
        if (fileServer is not null) await fileServer.DisposeAsync();
    }

    private Dictionary<string, string> Artifacts()
    {
        var artifacts = new Dictionary<string, string>
        {
            ["runDirectory"] = RunDirectory,
            ["consoleLog"] = ConsoleLogPath,
            ["qemuArgv"] = QemuArgvPath,
            ["qemuStderr"] = Path.Combine(RunDirectory, "qemu-stderr.log"),
            ["qmpLog"] = Path.Combine(RunDirectory, "qmp.log"),
        };
        if (medium.CdPath is not null) artifacts["bootCd"] = medium.CdPath;
        if (medium.Via == BootVia.Ipxe) artifacts["httpLog"] = HttpLogPath;
        return artifacts;
    }

    // The server sees the download from the host side: its first kernel byte and its last initramfs byte are milestones.
    private void OnBootFile(BootFileEvent e)
    {
        var seconds = machine?.HostSeconds ?? 0;
        if (e.Status != 200) return;
        if (!e.Finished && e.Path == "/" + IpxeScript.KernelFile)
            Timeline.Reach(Milestones.DownloadBegin, seconds);
        else if (e.Finished && e.Path == "/" + IpxeScript.InitrdFile && e.Bytes > 0 && e.Bytes == SizeOf(target.InitrdPath))
            Timeline.Reach(Milestones.DownloadEnd, seconds);
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;

    private async Task WaitForAsync(string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (!await TryWaitAsync(milestone, budget, ct))
            throw new BootFailureException(FailureAt(milestone,
                $"no '{milestone}' within {budget.TotalSeconds:F0} s (the stage budget); the console stopped moving on after '{Timeline.LastMilestone ?? "nothing"}'"));
    }

    /// <summary>False when the budget ran out first; a fatal console line or QEMU's exit throws.</summary>
    private async Task<bool> TryWaitAsync(string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (Timeline.Find(milestone) is not null) return true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        try
        {
            await Timeline.WaitForAsync(milestone, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whichever of the milestones comes first (null when none comes within the budget); a fatal line or QEMU's exit throws.</summary>
    private async Task<string?> WaitForFirstAsync(IReadOnlyList<string> milestones, TimeSpan budget, CancellationToken ct)
    {
        foreach (var milestone in milestones)
            if (Timeline.Find(milestone) is not null) return milestone;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        var waits = milestones.Select(m => Timeline.WaitForAsync(m, timeout.Token)).ToList();
        try
        {
            var done = await Task.WhenAny(waits);
            return (await done).Name;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await timeout.CancelAsync();
            foreach (var wait in waits) _ = wait.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
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
            throw new BootFailureException(FailureAt(Milestones.SshdStarted,
                $"sshd never started: {console}, and SSH on 127.0.0.1:{Machine.SshHostPort} did not answer in the {budget.TotalSeconds:F0} s after it ({e.Attempts} attempts). "
                + "Is ssh.service installed, enabled and not masked in the image? (`systemctl status ssh` in the guest)"));
        }
    }

    private async Task<SshGuestShell> ConnectAsync(TimeSpan budget, CancellationToken ct)
    {
        var endpoint = new GuestEndpoint("127.0.0.1", Machine.SshHostPort);
        var readiness = new SshReadiness(budget, () =>
        {
            if (Timeline.Failure is { } seen) throw new BootFailureException(seen);
        });
        return await SshGuestShell.ConnectAsync(endpoint, target.Credentials, target.HostKey, readiness, ct);
    }

    private void OnQemuExited(QemuExit exit)
    {
        var why = exit.GuestPanicked ? "the guest kernel panicked (pvpanic)"
            : exit.ShutdownReason == "guest-reset" ? "the guest reset, which with panic=-1 and -no-reboot means the kernel panicked"
            : $"QEMU exited with code {exit.ExitCode}";
        var stderr = string.IsNullOrWhiteSpace(exit.StderrTail) ? "" : $"; QEMU stderr: {exit.StderrTail.Trim()}";
        Timeline.Fail(FailureAt(Timeline.CurrentStage, why + stderr));
    }

    private BootFailure FailureAt(string stage, string reason) =>
        Timeline.Failure ?? new BootFailure(stage, reason, null, Timeline.LastMilestone, Timeline.Tail);

    private BootFailedException Fail(BootFailure seen, Exception inner)
    {
        failure = seen;
        return new BootFailedException(seen, RunDirectory, inner);
    }

    private static string NewRunDirectory(string? runsFolder, string name)
    {
        var root = runsFolder ?? Images.CacheDirectory.Default().RunsFolder;
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var path = Path.Combine(root, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{safe}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(path);
        return path;
    }
}
