using BootTests.Serial;

namespace BootTests.Reports.Measurements;

/// <summary>
/// The stages a boot is measured by, derived from its milestones on the host clock (the guest clock stops at
/// switch_root for most lines). sshd-started comes before multi-user, so the sshd stage runs from switch-root.
/// </summary>
public static class Stages
{
    public const string FirmwareToKernel = "firmware-to-kernel";
    public const string BootloaderLoad = "bootloader-load";
    public const string Download = "download";
    public const string KernelToInit = "kernel-to-init";
    public const string PayloadExtraction = "payload-extraction";
    public const string SwitchRootToUserspace = "switch-root-to-userspace";
    public const string UserspaceToSettled = "userspace-to-settled";
    public const string SwitchRootToMultiUser = "switch-root-to-multi-user";
    public const string SwitchRootToSshd = "switch-root-to-sshd";
    public const string SshdToSshReady = "sshd-to-ssh-ready";
    public const string TotalToSshReady = "total-to-ssh-ready";

    public static IReadOnlyList<StageDefinition> All { get; } =
    [
        new(FirmwareToKernel, null, Milestones.KernelStart, "QEMU start (firmware) to the kernel's first line"),
        new(BootloaderLoad, Milestones.Bootloader, Milestones.InitrdLoaded, "GRUB or iPXE loading the kernel and initramfs (boot via grub or ipxe)"),
        new(Download, Milestones.DownloadBegin, Milestones.DownloadEnd, "the HTTP server sending the kernel and initramfs to iPXE (boot via ipxe)"),
        new(KernelToInit, Milestones.KernelStart, Milestones.InitStart, "kernel start to /init (includes the kernel unpacking the initramfs)"),
        new(PayloadExtraction, Milestones.ExtractBegin, Milestones.ExtractEnd, "/init unpacking the root tree into the tmpfs"),
        new(SwitchRootToUserspace, Milestones.SwitchRoot, Milestones.UserspaceStart, "switch_root to the userspace init's first line (any init)"),
        new(UserspaceToSettled, Milestones.UserspaceStart, Milestones.Settled, "the userspace init's first line to its settling (multi-user.target, or a login prompt)"),
        new(SwitchRootToMultiUser, Milestones.SwitchRoot, Milestones.MultiUser, "switch_root to multi-user.target (systemd)"),
        new(SwitchRootToSshd, Milestones.SwitchRoot, Milestones.SshdStarted, "switch_root to ssh.service started (sshd starts before multi-user)"),
        new(SshdToSshReady, Milestones.SshdStarted, Milestones.SshReady, "sshd started to the first working SSH session"),
        new(TotalToSshReady, null, Milestones.SshReady, "QEMU start to the first working SSH session"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToList();

    /// <summary>The duration of every stage whose milestones were both reached; the others are left out.</summary>
    public static IReadOnlyList<StageDuration> Of(IReadOnlyList<ReportMilestone> milestones)
    {
        double? At(string? name) => name is null ? 0 : milestones.FirstOrDefault(m => m.Name == name)?.HostSeconds;
        var durations = new List<StageDuration>();
        foreach (var stage in All)
        {
            if (At(stage.From) is { } from && At(stage.To) is { } to)
                durations.Add(new StageDuration(stage.Name, Math.Round(to - from, 3)));
        }
        return durations;
    }
}
