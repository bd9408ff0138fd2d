using BootTests.BootMedia;
using BootTests.Checks;
using BootTests.Guest;
using BootTests.Host;
using BootTests.Qemu;
using BootTests.Reports;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>
/// The one place the stages meet: boot a target in QEMU, follow its console to the milestones, SSH in, run the
/// checks, report. Create one with <see cref="BootSessionBuilder"/>, then StartAsync, use it, DisposeAsync.
/// </summary>
public sealed partial class BootSession : IAsyncDisposable
{
    private readonly BootTarget target;
    private readonly BootSessionOptions options;
    private readonly BootMedium medium;
    private readonly List<ReportAttempt> attempts = [];
    private BootFileServer? fileServer;
    private QemuMachine? machine;
    private SshGuestShell? shell;
    private AcceleratorDecision? accelerator;
    private string kernelEntry = "";
    private readonly Images.CacheLock runLock;
    private BootFailure? failure;
    private ConsoleFeed? feed;
    private bool poweringOff;
    private readonly DateTimeOffset createdAt = DateTimeOffset.UtcNow;

    internal BootSession(BootTarget target, BootMedium medium, BootSessionOptions options)
    {
        this.target = target;
        this.medium = medium;
        this.options = options;
        Timeline = NewTimeline();
        var runs = options.RunsFolder ?? Images.CacheDirectory.Default().RunsFolder;
        (RunDirectory, runLock) = RunFolders.Create(runs, target.Name);
        // Only the default folder is pruned: a folder given with --artifacts is the user's to keep.
        if (options.RunsFolder is null && RunFolders.Keep > 0) RunFolders.Prune(runs, RunFolders.Keep);
    }

    public BootTarget Target => target;

    // Each milestone is told as it is reached: under TCG a boot is 20-200 s that would otherwise be silent.
    private BootTimeline NewTimeline() => new(options.ConsoleRules)
    {
        MilestoneReached = m => { if (m.Name != Milestones.SshReady) options.Progress?.Report($"{m.Name} at {m.HostSeconds:F1} s{(m.Inferred ? " (inferred)" : "")}"); },
    };

    /// <summary>The milestones of the current boot attempt (a new timeline when a stalled KVM boot starts again under TCG).</summary>
    public BootTimeline Timeline { get; private set; }

    /// <summary>Every console line since QEMU started, across reboots (WaitForConsoleTextAsync reads it).</summary>
    public ConsoleHistory ConsoleHistory { get; } = new();

    public string RunDirectory { get; }
    public string ConsoleLogPath => QemuRunFiles.In(RunDirectory).ConsoleLog;
    public string QemuArgvPath => QemuRunFiles.In(RunDirectory).ArgvFile;

    /// <summary>The HTTP server's request log (boot via ipxe).</summary>
    public string HttpLogPath => Path.Combine(RunDirectory, "http.log");

    public BootVia BootVia => medium.Via;

    /// <summary>The machine, once started.</summary>
    public QemuMachine Machine => machine ?? throw new InvalidOperationException("The session has not been started.");

    /// <summary>The SSH shell into the guest, once StartAsync has returned.</summary>
    public IGuestShell Guest => shell ?? throw new InvalidOperationException(NotConnected);

    public Accelerator? AcceleratorInUse => machine?.AcceleratorInUse;

    /// <summary>How a person logs in with OpenSSH (pinned through known_hosts in the run folder), once SSH answered; null before.</summary>
    public SshLogin? SshLogin { get; private set; }

    private void WriteSshLogin()
    {
        if (shell?.HostKey is not { } key) return;
        SshLogin = SshLogin.Write(RunDirectory, target.Credentials.User, Machine.SshHostPort, target.Credentials.PrivateKeyPath, key);
    }

    /// <summary>Boots and waits until the guest answers over SSH; a failure throws BootFailedException at once, with evidence.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Prerequisites.Require(HostNeeds.ToBoot(medium.Via));
        try
        {
            accelerator = await DecideAcceleratorAsync(ct);
            using var slot = options.BootSlots is { } slots ? await slots.AcquireAsync(accelerator.Accelerator, options.Progress, ct) : null;
            if (medium.Via == BootVia.Ipxe)
                fileServer = await BootFileServer.StartAsync(target.KernelPath, target.InitrdPath, options.Append, OnBootFile, HttpLogPath, ct);
            if (await LaunchToKernelAsync(ct) is { } silent)
                await FallBackToTcgAsync(silent, ct);
            await BootPlanFollower.FollowAsync(Plan.AfterKernel, Timeline, underKvm: false, Budgets.KvmFirstOutput, ct);
            CheckInitIsTheExpectedOne();
            shell = await ConnectWhenReadyAsync(ct);
            Timeline.Reach(Milestones.SshReady, Machine.HostSeconds);
            options.Progress?.Report($"ssh-ready at {Machine.HostSeconds:F1} s ({shell.Attempts} attempts)");
            WriteSshLogin();
        }
        catch (Exception e)
        {
            if (Translate(e) is not { } translated) throw;
            throw translated;
        }
    }

    /// <summary>Runs the RAM-root checks; a check that fails is a result, not an exception.</summary>
    public async Task<IReadOnlyList<CheckResult>> RunChecksAsync(CancellationToken ct = default, IReadOnlyList<IRamRootCheck>? checks = null)
    {
        try
        {
            Failpoint.Hit(Stage.Checks);
            var warnings = Timeline.Warnings;
            var context = new CheckContext(target.ExpectedTmpfsBytes, warnings.Select(w => w.Line).ToList(), Timeline.Init,
                warnings.Where(w => w.Reason.StartsWith(ConsoleCatalogue.InitScriptFailed, StringComparison.Ordinal)).Select(w => w.Reason[(ConsoleCatalogue.InitScriptFailed.Length)..].TrimStart(':', ' ')).ToList());
            return await RamRootCheckRunner.RunAllAsync(Guest, context, ct, checks);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Checks, e);
        }
    }

    /// <summary>The report of this run so far: milestones, the given checks, warnings, any failure, the attempts, the run files.</summary>
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
        HostKeyFingerprint: shell?.HostKeyFingerprint,
        Attempts: [.. attempts, .. CurrentAttempt()])
    {
        Timestamp = createdAt,
        Target = target.Name,
        DurationSeconds = Math.Round((DateTimeOffset.UtcNow - createdAt).TotalSeconds, 3),
    };

    public async ValueTask DisposeAsync()
    {
        if (shell is not null) await shell.DisposeAsync();
        if (machine is not null) await machine.DisposeAsync();
        if (fileServer is not null) await fileServer.DisposeAsync();
        runLock.Dispose();
    }

    private IEnumerable<ReportAttempt> CurrentAttempt()
    {
        if (machine is null) yield break;
        var outcome = failure is not null ? ReportAttempt.Failed : ReportAttempt.Booted;
        yield return new ReportAttempt(machine.Options.Accelerator.ToString().ToLowerInvariant(), outcome, failure?.Reason, Math.Round(machine.HostSeconds, 3), RunDirectory)
        {
            KernelEntry = kernelEntry,
            AnsweredPrompts = AnsweredPrompts,
        };
    }

    private Dictionary<string, string> Artifacts()
    {
        var artifacts = new Dictionary<string, string>
        {
            ["runDirectory"] = RunDirectory,
            ["consoleLog"] = ConsoleLogPath,
            ["qemuArgv"] = QemuArgvPath,
            ["qemuStderr"] = QemuRunFiles.In(RunDirectory).StderrLog,
            ["qmpLog"] = QemuRunFiles.In(RunDirectory).QmpLog,
        };
        if (medium.CdPath is not null) artifacts["bootCd"] = medium.CdPath;
        if (medium.Via == BootVia.Ipxe) artifacts["httpLog"] = HttpLogPath;
        return artifacts;
    }

    /// <summary>What an exception means for the caller: a boot failure with evidence, a harness bug with its stage, or (null) itself.</summary>
    private BootTestsException? Translate(Exception e) => e switch
    {
        BootFailedException => null,
        StageFailedException f => Fail(f.Failure, f),
        BootTestsException { ExitCode: ExitCode.BootFailed } b => Fail(FailureAt(b.Stage, b.Message), b),
        _ when BootTestsException.IsBug(e) => BootTestsException.Harness(Timeline.CurrentStage, e),
        _ => null,
    };

    private BootFailure FailureAt(string stage, string reason) => TimelineWaits.FailureAt(Timeline, stage, reason);

    private BootFailedException Fail(BootFailure seen, Exception inner)
    {
        failure = seen;
        return new BootFailedException(seen, RunDirectory, inner);
    }
}
