using System.Text;

namespace BootTests.BootMedia;

/// <summary>The kernel command line every boot path passes, and the checks on extra arguments (--append) before anything boots.</summary>
public static class KernelCommandLine
{
    /// <summary>x86's COMMAND_LINE_SIZE is 2048 bytes with the terminating NUL; a longer line is cut short silently.</summary>
    public const int MaxBytes = 2047;

    /// <summary>The arguments the harness always passes: the console on the first serial port, reboot at once on panic, no IO-APIC timer check.</summary>
    // no_timer_check: under TCG on a loaded host the kernel's IO-APIC timer check can misfire and panic ("IO-APIC + timer
    // doesn't work!", seen at load 13); the check is known to be unreliable in virtual machines, and skipping it costs nothing.
    public const string Base = "console=ttyS0 panic=-1 no_timer_check";

    /// <summary>What is wrong with the extra arguments, or null when the kernel will see them as written.</summary>
    public static string? Problem(string append)
    {
        if (append.Any(char.IsControl))
            return $"contains a control character ({PrintableText.Escape(append.First(char.IsControl))}); give the arguments on one line, separated by spaces.";
        if (append.Count(c => c == '"') % 2 != 0)
            return "has an unbalanced double quote; the kernel only understands balanced ones, as in foo=\"a b\".";
        var bytes = Encoding.UTF8.GetByteCount(Base) + 1 + Encoding.UTF8.GetByteCount(append);
        if (bytes > MaxBytes)
            return $"makes a kernel command line of {bytes} bytes with the harness's own '{Base}'; the kernel keeps only {MaxBytes}.";
        return null;
    }

    /// <summary><see cref="Base"/> followed by the extra arguments, if any.</summary>
    public static string For(string append) =>
        string.IsNullOrWhiteSpace(append) ? Base : $"{Base} {append.Trim()}";

    /// <summary>The words of the command line split at spaces; iPXE joins them back with spaces, so quotes pass through.</summary>
    public static IReadOnlyList<string> Words(string append) =>
        For(append).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The arguments as the kernel reads them: a space inside double quotes does not end an argument, and the
    /// quotes themselves are not part of it (<c>a="b c"</c> is the one argument <c>a=b c</c>).
    /// </summary>
    public static IReadOnlyList<string> Arguments(string commandLine)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) arguments.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any) arguments.Add(current.ToString());
        return arguments;
    }
}
