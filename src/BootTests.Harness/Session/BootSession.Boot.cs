using BootTests.BootMedia;
using BootTests.Host;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports;
using BootTests.Serial;

namespace BootTests.Session;

/// <summary>The boot itself: which accelerator, QEMU up to the kernel's first line (falling back to TCG when KVM stalls), then on to userspace.</summary>
public sealed partial class BootSession
{
    private AcceleratorProbeOptions ProbeOptions => new()
    {
        QemuBinary = options.QemuBinary,
        Kernel = target.KernelPath,
        CacheFile = options.AcceleratorCacheFile ?? AcceleratorProbeOptions.DefaultCacheFile,
    };

    private bool UnderKvm => accelerator?.Accelerator == Accelerator.Kvm;

    private BootBudgets Budgets => UnderKvm ? options.Budgets.Scaled(0.5) : options.Budgets;

    private async Task<AcceleratorDecision> DecideAcceleratorAsync(CancellationToken ct)
    {
        var decision = await AcceleratorProbe.DecideAsync(options.Accelerator, ProbeOptions, ct);
        if (options.Accelerator == AcceleratorChoice.Auto && decision.Accelerator == Accelerator.Tcg)
            options.Progress?.Report($"warning: {decision.Reason}");
        return decision;
    }

    /// <summary>What this boot waits for, under the accelerator in use.</summary>
    public BootPlan Plan => BootPlan.For(medium.Via, Budgets, target.OurInit);

    /// <summary>Starts QEMU and follows it to the kernel's first line; returns the step that stayed silent under KVM, or null.</summary>
    private async Task<BootStep?> LaunchToKernelAsync(CancellationToken ct)
    {
        var accel = accelerator!.Accelerator;
        options.Progress?.Report($"boot: {target.Name} via {medium.Via.Name()} under {accel.ToString().ToLowerInvariant()}, {target.MemoryMiB} MiB; run files in {RunDirectory}");
        if (medium.Via == BootVia.GrubUefi)
            File.Copy(OvmfFiles.VarsTemplate, OvmfFiles.VarsIn(RunDirectory), overwrite: true);
        var kernel = await KernelToLoadAsync(accel, ct);
        var started = new ConsoleFeed(Timeline, ConsoleHistory, options.ConsoleEcho, options.ConsoleBytes, ConsoleAnswers, options.Progress is { } progress ? progress.Report : null);
        feed = started;
        machine = await QemuMachine.StartAsync(new QemuLaunchOptions
        {
            QemuBinary = options.QemuBinary,
            KernelPath = kernel,
            InitrdPath = target.InitrdPath,
            Append = options.Append,
            BootVia = medium.Via,
            BootCdPath = medium.CdPath,
            BootServerPort = fileServer?.Port,
            MemoryMiB = target.MemoryMiB,
            Cpus = options.Cpus,
            Accelerator = accel,
            RunDirectory = RunDirectory,
            GuestPorts = [22, .. options.PortForwards],
            ExtraArgs = options.QemuArguments,
        }, started, ct);
        // The feed's timeline, read when QEMU exits: after a reboot that is the new boot's.
        _ = machine.Exited.ContinueWith(t =>
        {
            OnQemuExited(started.Timeline, t.Result);
            if (nextTimeline is { } next) OnQemuExited(next, t.Result);
        }, TaskScheduler.Default);
        machine.Qmp.EventReceived += OnQmpEvent;
        // With QEMU running, so a bug here shows that the machine is stopped all the same.
        Failpoint.Hit("boot");
        return await BootPlanFollower.FollowAsync(Plan.ToKernel, Timeline, UnderKvm, Budgets.KvmFirstOutput, ct);
    }

    // Firmware prompts that only wait: iPXE's Ctrl-B banner costs 2 s of wall-clock time under KVM and TCG alike.
    private IReadOnlyList<ConsoleAnswer> ConsoleAnswers => medium.Via == BootVia.Ipxe ? [ConsoleAnswer.IpxeShellBanner] : [];

    private List<string> AnsweredPrompts => feed?.Typed.Select(a => a.Prompt).ToList() ?? [];

    /// <summary>The file QEMU's -kernel loads: the bzImage, or under PVH the vmlinux inside it (see <see cref="KernelEntry"/>).</summary>
    private async Task<string> KernelToLoadAsync(Accelerator accel, CancellationToken ct)
    {
        kernelEntry = medium.Via == BootVia.Direct ? KernelEntry.BzImage.Name() : "";
        var wanted = options.KernelEntry;
        if (medium.Via != BootVia.Direct || wanted == KernelEntry.BzImage || (wanted == KernelEntry.Auto && accel == Accelerator.Kvm))
            return target.KernelPath;
        var (vmlinux, problem) = await new PvhKernel(options.Cache ?? CacheDirectory.Default(), options.Progress).ExtractAsync(target.KernelPath, ct);
        if (vmlinux is null)
        {
            if (wanted == KernelEntry.Pvh)
            {
                throw BootTestsException.Usage(Stage.BootMedia,
                    $"The kernel '{target.KernelPath}' cannot be entered through PVH: {problem}. Boot it with --kernel-entry bzimage (or auto).");
            }
            options.Progress?.Report($"kernel: booting the bzImage itself, since {problem}");
            return target.KernelPath;
        }
        kernelEntry = KernelEntry.Pvh.Name();
        // Under TCG the bzImage's own decompressor takes 3-4 s of every boot; PVH enters the same kernel already unpacked.
        options.Progress?.Report($"kernel: entering the vmlinux inside {Path.GetFileName(target.KernelPath)} through its PVH entry ({vmlinux})");
        return vmlinux;
    }

    /// <summary>
    /// A boot under KVM that stays silent means KVM cannot run Linux here (kvm_pvm hosts run firmware, then hang the
    /// kernel): stop it, keep its files in attempt-N-kvm/, record the verdict, say so loudly and boot again under TCG.
    /// </summary>
    private async Task FallBackToTcgAsync(BootStep silent, CancellationToken ct)
    {
        var seconds = Machine.HostSeconds;
        var last = Timeline.Tail.LastOrDefault();
        var what = silent.Milestone == Milestones.KernelStart ? "kernel" : "firmware or bootloader";
        var stalled = new KvmVerdict(false,
            $"a boot of {target.Name} under KVM showed no {what} output within {Budgets.KvmFirstOutput.TotalSeconds:F0} s"
            + (last is null ? " (the console stayed empty)." : $" (last console line: '{PrintableText.Of(last)}')."),
            Math.Round(seconds, 1), target.KernelPath, target.KernelVersion, last, KvmVerdict.ByStalledBoot);
        await machine!.DisposeAsync();
        machine = null;
        var files = KeepAttemptFiles(attempts.Count + 1, "kvm");
        attempts.Add(new ReportAttempt("kvm", ReportAttempt.Stalled, stalled.Reason, Math.Round(seconds, 3), files)
        {
            KernelEntry = kernelEntry,
            AnsweredPrompts = AnsweredPrompts,
        });
        await AcceleratorProbe.RecordStallAsync(ProbeOptions, stalled, ct);
        if (options.Accelerator == AcceleratorChoice.Kvm)
            throw AcceleratorProbe.KvmRefused(stalled, ProbeOptions, fromCache: false);

        options.Progress?.Report($"warning: KVM STALLED: {stalled.Reason} KVM is now recorded as unusable on this host ({ProbeOptions.CacheFile}); "
            + $"booting again under TCG (much slower). The stalled attempt's files are in {files}");
        accelerator = new AcceleratorDecision(Accelerator.Tcg, $"KVM stalled, fell back to TCG: {stalled.Reason}", FromCache: false, stalled);
        Timeline = NewTimeline();
        await LaunchToKernelAsync(ct);
    }

    /// <summary>A recipe that names its init is held to it: the console showing another one is a failure of the userspace stage.</summary>
    private void CheckInitIsTheExpectedOne()
    {
        var shown = Timeline.Init;
        if (target.ExpectedInit is not { } expected || expected == InitSystem.Unknown || shown == InitSystem.Unknown || shown == expected) return;
        // OpenRC on Debian runs under sysvinit's PID 1, whose banner comes first.
        if (expected == InitSystem.OpenRC && shown == InitSystem.Sysvinit) return;
        throw new StageFailedException(FailureAt(Milestones.UserspaceStart,
            $"the console shows {shown.Name()} starting, but the image was built for {expected.Name()}; check the recipe's 'init' and its packages"));
    }

    /// <summary>Moves one attempt's QEMU files into attempt-N-ACCEL/ of the run folder, so the next attempt starts clean.</summary>
    private string KeepAttemptFiles(int attempt, string accel)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RunDirectory, $"attempt-{attempt}-{accel}")).FullName;
        foreach (var name in QemuRunFiles.Names)
        {
            var file = Path.Combine(RunDirectory, name);
            if (File.Exists(file)) File.Move(file, Path.Combine(folder, name));
        }
        return folder;
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

    private void OnQemuExited(BootTimeline timeline, QemuExit exit)
    {
        var why = exit.GuestPanicked ? "the guest kernel panicked (pvpanic)"
            : exit.ShutdownReason == "guest-reset" ? "the guest reset, which with panic=-1 and -no-reboot means the kernel panicked"
            : $"QEMU exited with code {exit.ExitCode}";
        var stderr = string.IsNullOrWhiteSpace(exit.StderrTail) ? "" : $"; QEMU stderr: {exit.StderrTail.Trim()}";
        timeline.Fail(timeline.Failure ?? new BootFailure(timeline.CurrentStage, why + stderr, null, timeline.LastMilestone, timeline.Tail));
    }
}
