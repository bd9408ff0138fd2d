using BootTests.BootMedia;
using BootTests.Host;
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

    /// <summary>Starts QEMU and follows it to the kernel's first line; false when, under KVM, the firmware or the kernel stayed silent.</summary>
    private async Task<bool> LaunchToKernelAsync(CancellationToken ct)
    {
        Failpoint.Hit(Stage.Boot);
        var budgets = Budgets;
        var accel = accelerator!.Accelerator;
        options.Progress?.Report($"boot: {target.Name} via {medium.Via.Name()} under {accel.ToString().ToLowerInvariant()}, {target.MemoryMiB} MiB; run files in {RunDirectory}");
        if (medium.Via == BootVia.GrubUefi)
            File.Copy(OvmfFiles.VarsTemplate, OvmfFiles.VarsIn(RunDirectory), overwrite: true);
        var timeline = Timeline;
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
            Accelerator = accel,
            RunDirectory = RunDirectory,
        }, new ConsoleFeed(timeline, options.ConsoleEcho), ct);
        _ = machine.Exited.ContinueWith(t => OnQemuExited(timeline, t.Result), TaskScheduler.Default);

        if (medium.Via != BootVia.Direct)
        {
            if (!await FirstOutputAsync(Milestones.Bootloader, budgets.Bootloader, ct)) return false;
            await WaitForAsync(medium.Via == BootVia.Ipxe ? Milestones.DownloadEnd : Milestones.InitrdLoaded, budgets.Load, ct);
        }
        return await FirstOutputAsync(Milestones.KernelStart, medium.Via == BootVia.Direct ? budgets.KernelStart : budgets.Handover, ct);
    }

    /// <summary>Under KVM the firmware's and the kernel's first output get a short budget, and silence returns false; under TCG silence is a stuck boot.</summary>
    private async Task<bool> FirstOutputAsync(string milestone, TimeSpan budget, CancellationToken ct)
    {
        if (!UnderKvm)
        {
            await WaitForAsync(milestone, budget, ct);
            return true;
        }
        return await TryWaitAsync(milestone, budget < Budgets.KvmFirstOutput ? budget : Budgets.KvmFirstOutput, ct);
    }

    /// <summary>
    /// A boot under KVM that stays silent means KVM cannot run Linux here (kvm_pvm hosts run firmware, then hang the
    /// kernel): stop it, keep its files in attempt-N-kvm/, record the verdict, say so loudly and boot again under TCG.
    /// </summary>
    private async Task FallBackToTcgAsync(CancellationToken ct)
    {
        var seconds = Machine.HostSeconds;
        var last = Timeline.Tail.LastOrDefault();
        var silent = medium.Via != BootVia.Direct && Timeline.Find(Milestones.Bootloader) is null ? "firmware or bootloader" : "kernel";
        var stalled = new KvmVerdict(false,
            $"a boot of {target.Name} under KVM showed no {silent} output within {Budgets.KvmFirstOutput.TotalSeconds:F0} s"
            + (last is null ? " (the console stayed empty)." : $" (last console line: '{PrintableText.Of(last)}')."),
            Math.Round(seconds, 1), target.KernelPath, target.KernelVersion, last, KvmVerdict.ByStalledBoot);
        await machine!.DisposeAsync();
        machine = null;
        var files = KeepAttemptFiles(attempts.Count + 1, "kvm");
        attempts.Add(new ReportAttempt("kvm", ReportAttempt.Stalled, stalled.Reason, Math.Round(seconds, 3), files));
        await AcceleratorProbe.RecordStallAsync(ProbeOptions, stalled, ct);
        if (options.Accelerator == AcceleratorChoice.Kvm)
            throw AcceleratorProbe.KvmRefused(stalled, ProbeOptions, fromCache: false);

        options.Progress?.Report($"warning: KVM STALLED: {stalled.Reason} KVM is now recorded as unusable on this host ({ProbeOptions.CacheFile}); "
            + $"booting again under TCG (much slower). The stalled attempt's files are in {files}");
        accelerator = new AcceleratorDecision(Accelerator.Tcg, $"KVM stalled, fell back to TCG: {stalled.Reason}", FromCache: false, stalled);
        Timeline = new BootTimeline();
        await LaunchToKernelAsync(ct);
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

    private async Task FollowToUserspaceAsync(CancellationToken ct)
    {
        var budgets = Budgets;
        await WaitForAsync(Milestones.InitStart, budgets.InitStart, ct);
        await WaitForAsync(Milestones.ExtractEnd, budgets.Extract, ct);
        await WaitForAsync(Milestones.SystemdStart, budgets.SystemdStart, ct);
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
