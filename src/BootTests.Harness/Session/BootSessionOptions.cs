using BootTests.BootMedia;
using BootTests.Qemu;

namespace BootTests.Session;

/// <summary>How a session boots its target: accelerator, extra kernel arguments, budgets, where run files go.</summary>
public sealed record BootSessionOptions
{
    /// <summary>Auto unless asked, or unless $BOOTTESTS_ACCEL says otherwise.</summary>
    public AcceleratorChoice Accelerator { get; init; } = AcceleratorChoices.Default;

    /// <summary>Appended to the harness's own kernel arguments (KernelCommandLine.Base); one string, never split by a shell.</summary>
    public string Append { get; init; } = "";

    /// <summary>How the kernel and initramfs reach the guest; direct unless asked.</summary>
    public BootVia BootVia { get; init; } = BootVia.Direct;

    public int Cpus { get; init; } = 2;
    public BootBudgets Budgets { get; init; } = BootBudgets.Default;

    /// <summary>Parent folder of the per-run folders (console log, QEMU argv, stderr, QMP log).</summary>
    public string? RunsFolder { get; init; }

    public IProgress<string>? Progress { get; init; }

    /// <summary>Receives every console line as it arrives (the interactive `boot` command prints them).</summary>
    public Action<string>? ConsoleEcho { get; init; }

    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>Where the KVM verdict is remembered; null for accel.json in the default cache.</summary>
    public string? AcceleratorCacheFile { get; init; }
}
