namespace BootTests.Tests.TestKit;

/// <summary>
/// The real QEMU behind a wrapper named qemu-system-x86_64 that behaves like a kvm_pvm host on any machine: under
/// -accel kvm it runs TCG, so firmware works, but a -kernel boot starts with its vCPUs paused (-S) and never prints.
/// Put <see cref="Folder"/> first on PATH; everything else (QMP, sockets, --version) is the real QEMU's.
/// </summary>
internal static class PvmLikeQemu
{
    public const string Real = "/usr/bin/qemu-system-x86_64";

    private const string Script = """
        #!/bin/bash
        # Stand-in for a kvm_pvm host: KVM runs firmware, and a Linux kernel under it never prints.
        # Its own version line, so its verdict never takes the place of the real QEMU's in accel.json.
        if [ "$1" = --version ]; then /usr/bin/qemu-system-x86_64 --version | sed '1s/$/ (kvm_pvm stand-in)/'; exit; fi
        args=(); kvm=0; kernel=0
        while [ $# -gt 0 ]; do
            case "$1" in
                -accel) if [ "$2" = kvm ]; then kvm=1; args+=(-accel tcg); shift 2; continue; fi ;;
                -kernel) kernel=1 ;;
            esac
            args+=("$1"); shift
        done
        if [ $kvm = 1 ] && [ $kernel = 1 ]; then args+=(-S); fi
        exec /usr/bin/qemu-system-x86_64 "${args[@]}"
        """;

    /// <summary>Writes the wrapper into <paramref name="folder"/>/qemu-system-x86_64 and returns the folder.</summary>
    public static string Folder(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "qemu-system-x86_64");
        File.WriteAllText(path, Script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    /// <summary>PATH with the wrapper's folder first.</summary>
    public static string PathWith(string folder) => $"{Folder(folder)}:{Environment.GetEnvironmentVariable("PATH")}";
}
