using System.Globalization;
using BootTests.BootMedia;

namespace BootTests.Qemu;

/// <summary>Turns <see cref="QemuLaunchOptions"/> into QEMU's argument list; pure, so the result can be compared with a golden list.</summary>
public static class QemuArgv
{
    /// <summary>The id of the guest's one network (the restricted user network), as QMP's hostfwd_add names it.</summary>
    public const string NetdevId = "n0";

    /// <summary>The CPU under TCG: everything TCG can do except the fast-string features (ERMS, FSRM).</summary>
    // With ERMS the kernel and glibc copy and clear memory with `rep movsb`/`rep stosb`, which TCG runs one byte per
    // step: writing zeroes into a tmpfs went from 93 to 174 MB/s without them, unpacking the default tree from 7.2 to 4.0 s.
    public const string TcgCpu = "max,erms=off,fsrm=off";

    public static IReadOnlyList<string> Build(QemuLaunchOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.KernelPath);
        if (options.GuestPorts.Count == 0 || options.GuestPorts.Any(p => p is < 1 or > 65535))
            throw new ArgumentOutOfRangeException(nameof(options), $"Guest ports [{string.Join(", ", options.GuestPorts)}]: give at least one, each from 1 to 65535 (the first is SSH).");
        var files = QemuRunFiles.For(options);
        foreach (var socket in new[] { files.ConsoleSocket, files.QmpSocket })
        {
            if (!UnixSocketPath.Fits(socket))
            {
                throw new ArgumentException(
                    $"The socket path '{socket}' is longer than {UnixSocketPath.MaxBytes} bytes; use a shorter SocketDirectory.",
                    nameof(options));
            }
        }

        var argv = new List<string>
        {
            options.QemuBinary,
            "-nodefaults", "-no-user-config", "-display", "none",
            // graphics=off makes SeaBIOS copy its screen (and the iPXE ROM's) to the serial console, where the milestones are read.
            "-machine", options.BootVia == BootVia.Direct ? "q35" : "q35,graphics=off",
            "-accel", options.Accelerator == Accelerator.Kvm ? "kvm" : "tcg,thread=multi",
            // "-cpu host" aborts on some KVM hosts; "max" is the host's CPU under KVM and everything TCG can do.
            "-cpu", options.Accelerator == Accelerator.Kvm ? "max" : TcgCpu,
            "-smp", Invariant(options.Cpus),
            "-m", Invariant(options.MemoryMiB) + "M",
        };
        argv.AddRange(BootSource(options));

        // QMP first: its socket exists and listens while QEMU blocks on the console socket below.
        argv.AddRange([
            "-chardev", $"socket,id=qmp,path={EscapeOptionValue(files.QmpSocket)},server=on,wait=off",
            "-mon", "chardev=qmp,mode=control",
            // wait=on: QEMU starts the guest only once the harness is connected, so no console byte is lost.
            "-chardev", $"socket,id=console,path={EscapeOptionValue(files.ConsoleSocket)},server=on,wait=on",
            "-serial", "chardev:console",
        ]);
        if (options.BootVia == BootVia.Ipxe)
        {
            // QEMU connects this socket to the harness's HTTP server at start-up; the guestfwd below is its only user.
            argv.AddRange(["-chardev", $"socket,id=bootfiles,host=127.0.0.1,port={Invariant(RequirePort(options))}"]);
        }
        argv.AddRange([
            "-netdev", $"user,id={NetdevId},restrict=on" + string.Concat(options.GuestPorts.Select(p => $",hostfwd=tcp:127.0.0.1:0-:{Invariant(p)}")) + IpxeNetdevOptions(options),
            "-device", options.BootVia == BootVia.Ipxe ? $"virtio-net-pci,netdev={NetdevId},bootindex=0" : $"virtio-net-pci,netdev={NetdevId}",
            "-device", "pvpanic-pci",
            "-action", "panic=exit-failure",
            "-no-reboot",
            "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
            "-pidfile", files.PidFile,
        ]);
        argv.AddRange(options.ExtraArgs);
        return argv;
    }

    private static IEnumerable<string> BootSource(QemuLaunchOptions options)
    {
        switch (options.BootVia)
        {
            case BootVia.Grub or BootVia.GrubUefi:
                ArgumentException.ThrowIfNullOrEmpty(options.BootCdPath);
                var firmware = options.BootVia != BootVia.GrubUefi ? [] : new[]
                {
                    "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={EscapeOptionValue(OvmfFiles.Code)}",
                    "-drive", $"if=pflash,format=raw,unit=1,file={EscapeOptionValue(OvmfFiles.VarsIn(options.RunDirectory))}",
                };
                return
                [
                    .. firmware,
                    "-drive", $"file={EscapeOptionValue(options.BootCdPath)},format=raw,if=none,media=cdrom,readonly=on,id=cd0",
                    "-device", "ide-cd,drive=cd0,bootindex=0",
                ];
            case BootVia.Ipxe:
                return [];
            default:
                var direct = new List<string> { "-kernel", options.KernelPath };
                if (options.InitrdPath is not null) direct.AddRange(["-initrd", options.InitrdPath]);
                direct.AddRange(["-append", KernelCommandLine.For(options.Append)]);
                return direct;
        }
    }

    // restrict=on keeps the guest off every network; the guestfwd adds one address that leads only to the harness's server.
    private static string IpxeNetdevOptions(QemuLaunchOptions options) =>
        options.BootVia != BootVia.Ipxe ? ""
            : $",bootfile={IpxeScript.ScriptUrl},guestfwd=tcp:{IpxeScript.ServerAddress}:{Invariant(IpxeScript.ServerPort)}-chardev:bootfiles";

    private static int RequirePort(QemuLaunchOptions options) =>
        options.BootServerPort is > 0 and < 65536 ? options.BootServerPort.Value
            : throw new ArgumentException("BootVia.Ipxe needs the HTTP server's port in BootServerPort.", nameof(options));

    /// <summary>Escapes a value inside a QEMU "key=value,..." option: a comma is written twice.</summary>
    public static string EscapeOptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
