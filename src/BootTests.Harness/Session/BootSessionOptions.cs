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

    /// <summary>Guest TCP ports forwarded from a free port on 127.0.0.1 besides SSH (see BootSession.ForwardedPort).</summary>
    public IReadOnlyList<int> PortForwards { get; init; } = [];

    /// <summary>Arguments added at the end of QEMU's command line; checked against the QEMU policy before QEMU starts.</summary>
    public IReadOnlyList<string> QemuArguments { get; init; } = [];

    /// <summary>The milestone and failure rules the console is read with (e.g. <see cref="Serial.ConsoleCatalogue.Default"/> plus a rule of the test's own).</summary>
    public Serial.ConsoleCatalogue ConsoleRules { get; init; } = Serial.ConsoleCatalogue.Default;

    /// <summary>Where the session waits for its turn to boot (null: boot at once); released once SSH answers or the boot failed.</summary>
    public BootSlots? BootSlots { get; init; }

    /// <summary>Receives the console's bytes as QEMU sends them, escape sequences and all (an interactive terminal shows them).</summary>
    public Action<ReadOnlyMemory<byte>>? ConsoleBytes { get; init; }
    public BootBudgets Budgets { get; init; } = BootBudgets.Default;

    /// <summary>Parent folder of the per-run folders (console log, QEMU argv, stderr, QMP log).</summary>
    public string? RunsFolder { get; init; }

    public IProgress<string>? Progress { get; init; }

    /// <summary>Receives every console line as it arrives (the interactive `boot` command prints them).</summary>
    public Action<string>? ConsoleEcho { get; init; }

    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>How a direct boot enters the kernel; <see cref="KernelEntry.Auto"/> unless asked.</summary>
    public KernelEntry KernelEntry { get; init; } = KernelEntry.Auto;

    /// <summary>Where media made at boot time (a PVH vmlinux) are kept; null for the default cache.</summary>
    public Images.CacheDirectory? Cache { get; init; }

    /// <summary>Where the KVM verdict is remembered; null for accel.json in the default cache.</summary>
    public string? AcceleratorCacheFile { get; init; }
}
