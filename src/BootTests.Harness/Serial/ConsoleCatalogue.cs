using BootTests.Images;

namespace BootTests.Serial;

/// <summary>The milestone and failure rules a console is read with; extend <see cref="Default"/> with <c>with</c>.</summary>
/// <remarks>Patterns are matched against <see cref="ConsoleLine.Message"/>, i.e. without the printk timestamp.</remarks>
public sealed record ConsoleCatalogue(IReadOnlyList<MilestoneRule> MilestoneRules, IReadOnlyList<FailureRule> FailureRules)
{
    /// <summary>The reason of the warnings that say an init script or service failed to start (the non-systemd checks read them).</summary>
    public const string InitScriptFailed = "an init script or service failed to start";

    /// <summary>Rules for SeaBIOS (+ GRUB or iPXE) + Debian kernel + the BootTests (or classic) BusyBox init + systemd, sysvinit, OpenRC or BusyBox init.</summary>
    public static ConsoleCatalogue Default { get; } = new(
    [
        new(Milestones.Firmware, ConsolePatterns.FirmwareBanner()),
        new(Milestones.Bootloader, ConsolePatterns.Bootloader()),
        new(Milestones.KernelLoaded, ConsolePatterns.KernelLoaded(), Implies: [Milestones.Bootloader]),
        new(Milestones.InitrdLoaded, ConsolePatterns.InitrdLoaded(), Implies: [Milestones.Bootloader, Milestones.KernelLoaded]),
        new(Milestones.KernelStart, ConsolePatterns.LinuxVersion()),
        // A kernel booted with `quiet` prints nothing itself: its /init talking proves it started.
        new(Milestones.InitStart, ConsolePatterns.InitStart(), Implies: [Milestones.KernelStart]),
        new(Milestones.ExtractBegin, ConsolePatterns.ExtractBegin()),
        new(Milestones.ExtractEnd, ConsolePatterns.ExtractEnd()),
        new(Milestones.SwitchRoot, ConsolePatterns.SwitchRoot(), Implies: [Milestones.ExtractEnd]),
        // Any message from PID 1 systemd proves /init already switched root into the extracted tree.
        new(Milestones.SwitchRoot, ConsolePatterns.SystemdPid1(), Inferred: true, Implies: [Milestones.ExtractEnd]),
        new(Milestones.UserspaceStart, ConsolePatterns.SystemdStart(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot], Init: InitSystem.Systemd),
        new(Milestones.SystemdStart, ConsolePatterns.SystemdStart(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot]),
        new(Milestones.UserspaceStart, ConsolePatterns.SysvinitStart(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot], Init: InitSystem.Sysvinit),
        new(Milestones.UserspaceStart, ConsolePatterns.OpenRcStart(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot], Init: InitSystem.OpenRC),
        // An SSH server or a login prompt means the real root runs, whatever /init printed (or did not) before.
        new(Milestones.SshdStarted, ConsolePatterns.SshdStarted(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot, Milestones.UserspaceStart]),
        new(Milestones.MultiUser, ConsolePatterns.MultiUser(), Implies: [Milestones.Settled]),
        new(Milestones.LoginPrompt, ConsolePatterns.LoginPrompt(), Implies: [Milestones.ExtractEnd, Milestones.SwitchRoot, Milestones.UserspaceStart, Milestones.Settled]),
    ],
    [
        new(ConsoleSeverity.Fatal, ConsolePatterns.GrubFileNotFound(), "GRUB could not find a file"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.GrubOutOfMemory(), "GRUB ran out of memory loading the kernel or initramfs (guest RAM too small)"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.GrubLoadError(), "GRUB could not load the kernel or initramfs"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.IpxeFetchFailed(), "iPXE could not fetch a file"),
        // iPXE prints this when it cannot hand over to the kernel, whether or not the server's download-end came first.
        new(ConsoleSeverity.Fatal, ConsolePatterns.IpxeCouldNotBoot(), "iPXE could not boot", Stage: Milestones.KernelStart),
        new(ConsoleSeverity.Fatal, ConsolePatterns.NoBootableDevice(), "the firmware found nothing to boot"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.KernelPanic(), "kernel panic"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.KernelOops(), "kernel oops"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.KernelBug(), "kernel BUG"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.InitError(), "init failed"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.JumpingIntoShell(), "init failed and dropped into a shell"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.NoSpaceLeft(), "no space left on device (tmpfs or guest RAM too small)"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.OutOfMemory(), "guest out of memory (OOM killer)"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.UnableToMountRoot(), "kernel could not mount a root file system"),
        new(ConsoleSeverity.Fatal, ConsolePatterns.EmergencyMode(), "systemd entered emergency mode"),
        new(ConsoleSeverity.Warning, ConsolePatterns.DeviceTimeout(), "systemd timed out waiting for a device"),
        new(ConsoleSeverity.Warning, ConsolePatterns.DependencyFailed(), "a systemd unit's dependency failed"),
        new(ConsoleSeverity.Warning, ConsolePatterns.FailedToStart(), "a systemd unit failed to start"),
        new(ConsoleSeverity.Warning, ConsolePatterns.StartparFailure(), InitScriptFailed),
        new(ConsoleSeverity.Warning, ConsolePatterns.LsbStartFailed(), InitScriptFailed),
        new(ConsoleSeverity.Warning, ConsolePatterns.OpenRcServiceFailed(), InitScriptFailed),
    ]);
}
