using BootTests.Qemu;

namespace BootTests.BootMedia;

/// <summary>The kernel command line every boot path passes, so the same checks hold after each.</summary>
public static class KernelCommandLine
{
    /// <summary>"console=ttyS0 panic=-1" followed by the extra arguments, if any.</summary>
    public static string For(string append) =>
        string.IsNullOrWhiteSpace(append) ? QemuArgv.BaseAppend : $"{QemuArgv.BaseAppend} {append.Trim()}";

    /// <summary>The words of the command line; GRUB and iPXE scripts take them one by one.</summary>
    public static IReadOnlyList<string> Words(string append) =>
        For(append).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
