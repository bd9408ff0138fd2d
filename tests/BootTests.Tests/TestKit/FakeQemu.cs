namespace BootTests.Tests.TestKit;

/// <summary>Stand-in qemu-system-x86_64 scripts for the KVM probe: a working KVM, firmware that runs while Linux never prints (kvm_pvm), a hang, an abort.</summary>
internal static class FakeQemu
{
    private const string Version = "QEMU emulator version 0.0.0 (fake)";

    // The probe passes the console as "-serial file:PATH".
    private const string FindSerialFile = "for a; do case \"$a\" in file:*) f=\"${a#file:}\";; esac; done\n";

    /// <summary>Prints what a kernel with no root prints under a working KVM, then exits as -no-reboot makes QEMU do after the panic.</summary>
    public static string Working(string directory) => Write(directory, "qemu-working", FindSerialFile
        + "printf '[    0.000000] Linux version 6.1.0-fake\\n[    0.412000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\\n' > \"$f\"\nexit 0");

    /// <summary>Firmware prints, then nothing more: what a kvm_pvm host shows, where SeaBIOS runs under KVM and a stock kernel stops.</summary>
    public static string FirmwareOnly(string directory) => Write(directory, "qemu-firmware-only", FindSerialFile
        + "printf 'SeaBIOS (version fake)\\nBooting from ROM...\\n' > \"$f\"\nexec sleep 600");

    /// <summary>Never writes anything, like a vCPU that spins without progress; leaves its pid in <see cref="HangingPidFile"/>.</summary>
    public static string Hanging(string directory) =>
        Write(directory, "qemu-hanging", $"echo $$ > '{HangingPidFile(directory)}'\nexec sleep 600");

    public static string HangingPidFile(string directory) => Path.Combine(directory, "qemu-hanging.pid");

    /// <summary>Exits at once with QEMU's MSR assertion, as -cpu max does on a broken KVM.</summary>
    public static string Aborting(string directory) => Write(directory, "qemu-aborting",
        "echo 'qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69' >&2; exit 134");

    private static string Write(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $"#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{Version} {name}'; exit 0; fi\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
