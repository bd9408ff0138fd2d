using BootTests.Qemu;

namespace BootTests.BootMedia;

/// <summary>The kernel command line every boot path passes, so the same checks hold after each.</summary>
public static class KernelCommandLine
{
    /// <summary>"console=ttyS0 panic=-1" followed by the extra arguments, if any.</summary>
    public static string For(string append) =>
        string.IsNullOrWhiteSpace(append) ? QemuArgv.BaseAppend : $"{QemuArgv.BaseAppend} {append.Trim()}";

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
        var current = new System.Text.StringBuilder();
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
