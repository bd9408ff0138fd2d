using System.Globalization;

namespace BootTests.Qemu;

/// <summary>Turns <see cref="QemuLaunchOptions"/> into QEMU's argument list; pure, so the result can be compared with a golden list.</summary>
public static class QemuArgv
{
    /// <summary>The kernel arguments the harness always passes: the console on the first serial port, and reboot at once on panic.</summary>
    public const string BaseAppend = "console=ttyS0 panic=-1";

    public static IReadOnlyList<string> Build(QemuLaunchOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.KernelPath);
        if (options.GuestPorts.Count == 0 || options.GuestPorts.Any(p => p is < 1 or > 65535))
            throw new ArgumentOutOfRangeException(nameof(options), $"Guest ports [{string.Join(", ", options.GuestPorts)}]: give at least one, each from 1 to 65535 (the first is SSH).");
        var files = QemuRunFiles.For(options);
        foreach (string socket in new[] { files.ConsoleSocket, files.QmpSocket })
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
            "-machine", "q35",
            "-accel", options.Accelerator == Accelerator.Kvm ? "kvm" : "tcg,thread=multi",
            // "-cpu host" aborts on some KVM hosts; "max" is the host's CPU under KVM and everything TCG can do.
            "-cpu", "max",
            "-smp", Invariant(options.Cpus),
            "-m", Invariant(options.MemoryMiB) + "M",
            "-kernel", options.KernelPath,
        };
        if (options.InitrdPath is not null)
        {
            argv.AddRange(["-initrd", options.InitrdPath]);
        }
        argv.AddRange(["-append", string.IsNullOrWhiteSpace(options.Append) ? BaseAppend : $"{BaseAppend} {options.Append}"]);

        // QMP first: its socket exists and listens while QEMU blocks on the console socket below.
        argv.AddRange([
            "-chardev", $"socket,id=qmp,path={EscapeOptionValue(files.QmpSocket)},server=on,wait=off",
            "-mon", "chardev=qmp,mode=control",
            // wait=on: QEMU starts the guest only once the harness is connected, so no console byte is lost.
            "-chardev", $"socket,id=console,path={EscapeOptionValue(files.ConsoleSocket)},server=on,wait=on",
            "-serial", "chardev:console",
            "-netdev", "user,id=n0,restrict=on" + string.Concat(options.GuestPorts.Select(p => $",hostfwd=tcp:127.0.0.1:0-:{Invariant(p)}")),
            "-device", "virtio-net-pci,netdev=n0",
            "-device", "pvpanic-pci",
            "-action", "panic=exit-failure",
            "-no-reboot",
            "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
            "-pidfile", files.PidFile,
        ]);
        argv.AddRange(options.ExtraArgs);
        return argv;
    }

    /// <summary>Escapes a value inside a QEMU "key=value,..." option: a comma is written twice.</summary>
    public static string EscapeOptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
