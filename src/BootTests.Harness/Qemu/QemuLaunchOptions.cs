using BootTests.BootMedia;

namespace BootTests.Qemu;

/// <summary>Everything needed to start one QEMU machine that boots a kernel and initramfs, directly or through a bootloader.</summary>
public sealed record QemuLaunchOptions
{
    public string QemuBinary { get; init; } = "qemu-system-x86_64";

    public required string KernelPath { get; init; }

    /// <summary>The initramfs; null boots the kernel alone.</summary>
    public string? InitrdPath { get; init; }

    /// <summary>Kernel arguments added after the harness's own; passed to QEMU as one argument whatever it contains.</summary>
    public string Append { get; init; } = "";

    /// <summary>Direct passes -kernel/-initrd; Grub boots <see cref="BootCdPath"/>; Ipxe boots the NIC's ROM from <see cref="BootServerPort"/>.</summary>
    public BootVia BootVia { get; init; } = BootVia.Direct;

    /// <summary>The GRUB CD image (BootVia.Grub and GrubUefi); it holds its own kernel, initramfs and command line.</summary>
    public string? BootCdPath { get; init; }

    /// <summary>The port on 127.0.0.1 of the HTTP server iPXE fetches from (BootVia.Ipxe); the guest reaches it at 10.0.2.100:80 and nothing else.</summary>
    public int? BootServerPort { get; init; }

    public int MemoryMiB { get; init; } = 1024;

    public int Cpus { get; init; } = 2;

    public Accelerator Accelerator { get; init; } = Accelerator.Tcg;

    /// <summary>Where the argv, logs, pid file and (when the path is short enough) the sockets go.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Where the console and QMP sockets go; null means the run directory.</summary>
    public string? SocketDirectory { get; init; }

    /// <summary>Guest TCP ports forwarded from a free port on 127.0.0.1; the first is SSH.</summary>
    public IReadOnlyList<int> GuestPorts { get; init; } = [22];

    /// <summary>Arguments added at the end of the command line, as they are.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>How long QEMU may take to open its console and QMP sockets and answer the first queries.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
