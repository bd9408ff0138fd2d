using System.Text;

namespace BootTests.Qemu;

/// <summary>Checks extra kernel arguments (--append) before anything boots: the kernel's own quoting, no control characters, its length limit.</summary>
public static class KernelCommandLine
{
    /// <summary>x86's COMMAND_LINE_SIZE is 2048 bytes with the terminating NUL; a longer line is cut short silently.</summary>
    public const int MaxBytes = 2047;

    /// <summary>What is wrong with the extra arguments, or null when the kernel will see them as written.</summary>
    public static string? Problem(string append)
    {
        if (append.Any(char.IsControl))
            return $"contains a control character ({PrintableText.Escape(append.First(char.IsControl))}); give the arguments on one line, separated by spaces.";
        if (append.Count(c => c == '"') % 2 != 0)
            return "has an unbalanced double quote; the kernel only understands balanced ones, as in foo=\"a b\".";
        var bytes = Encoding.UTF8.GetByteCount(QemuArgv.BaseAppend) + 1 + Encoding.UTF8.GetByteCount(append);
        if (bytes > MaxBytes)
            return $"makes a kernel command line of {bytes} bytes with the harness's own '{QemuArgv.BaseAppend}'; the kernel keeps only {MaxBytes}.";
        return null;
    }
}
