namespace BootTests.Tests.Qemu;

/// <summary>Stand-in qemu-system-x86_64 scripts that behave like a working, a hanging or an aborting KVM.</summary>
internal static class FakeQemu
{
    private const string Version = "QEMU emulator version 0.0.0 (fake)";

    /// <summary>Writes SeaBIOS's boot-stage line to the -debugcon file, as a guest on a working KVM does.</summary>
    public static string Working(string directory) => Write(directory, "qemu-working",
        "for a; do case \"$a\" in file:*) f=\"${a#file:}\";; esac; done\n"
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
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, $"#!/bin/sh\nif [ \"$1\" = --version ]; then echo '{Version} {name}'; exit 0; fi\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
