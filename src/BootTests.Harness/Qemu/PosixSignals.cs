using System.Runtime.InteropServices;

namespace BootTests.Qemu;

/// <summary>Sends POSIX signals by process id (Process.Kill only sends SIGKILL).</summary>
internal static partial class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false if the process no longer exists.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>True while a process with this id exists (a zombie counts until it is reaped).</summary>
    public static bool Exists(int pid) => Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1; // EPERM: exists, not ours
}
