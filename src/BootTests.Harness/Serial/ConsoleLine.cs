using System.Globalization;
using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>One visible serial-console line, free of escape sequences; partial when it is a prompt not yet ended by a newline.</summary>
public sealed partial record ConsoleLine(string Text, bool IsPartial = false)
{
    /// <summary>The kernel's printk time (seconds since the guest kernel started), when the line carries one.</summary>
    public double? GuestSeconds
    {
        get
        {
            var match = PrintkPrefix().Match(Text);
            return match.Success
                ? double.Parse(match.Groups["seconds"].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture)
                : null;
        }
    }

    /// <summary>The text without a leading printk timestamp.</summary>
    public string Message
    {
        get
        {
            var match = PrintkPrefix().Match(Text);
            return match.Success ? Text[match.Length..] : Text;
        }
    }

    public override string ToString() => IsPartial ? Text + "⏎?" : Text;

    [GeneratedRegex(@"^\[\s*(?<seconds>\d+\.\d+)\] ?")]
    private static partial Regex PrintkPrefix();
}
