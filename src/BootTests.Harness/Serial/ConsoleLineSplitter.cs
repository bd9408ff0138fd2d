using System.Text;
using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>Turns raw serial-console bytes, fed in chunks of any size, into the lines a terminal would show.</summary>
/// <remarks>
/// Not thread-safe for feeding: one reader owns it. <see cref="PendingText"/> may be read from any thread.
/// </remarks>
public sealed partial class ConsoleLineSplitter
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly TerminalLine line = new();
    private readonly EscapeSequenceParser escapes = new();
    private string? lastPartial;
    private string pendingSnapshot = "";

    /// <summary>The text of the line still waiting for its newline, as a terminal would show it now.</summary>
    public string PendingText => Volatile.Read(ref pendingSnapshot);

    /// <summary>True when the pending text ends like a login or shell prompt that will never get a newline.</summary>
    public bool PendingLooksLikePrompt => LooksLikePrompt(PendingText);

    /// <summary>Consumes one chunk and returns the lines it completed, plus the pending text once if it became a prompt.</summary>
    public IReadOnlyList<ConsoleLine> Feed(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<ConsoleLine>();
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        foreach (var c in chars.AsSpan(0, count))
            Process(c, lines);
        AddPromptIfNew(lines);
        Volatile.Write(ref pendingSnapshot, line.Text);
        return lines;
    }

    /// <summary>Ends the stream: returns the pending text (if any) as a partial line and forgets it.</summary>
    public IReadOnlyList<ConsoleLine> FlushPending()
    {
        var lines = new List<ConsoleLine>();
        var chars = new char[decoder.GetCharCount([], flush: true)];
        var count = decoder.GetChars([], chars, flush: true);
        foreach (var c in chars.AsSpan(0, count))
            Process(c, lines);
        if (line.Text.Length > 0 && line.Text != lastPartial)
            lines.Add(new ConsoleLine(line.Text, IsPartial: true));
        line.Clear();
        lastPartial = null;
        Volatile.Write(ref pendingSnapshot, "");
        return lines;
    }

    /// <summary>True when the text ends like a prompt: <c>login: </c>, <c>Password: </c>, <c># </c> or <c>$ </c>.</summary>
    public static bool LooksLikePrompt(string text) => PromptEnding().IsMatch(text);

    private void Process(char c, List<ConsoleLine> lines)
    {
        switch (escapes.Accept(c))
        {
            case EscapeAction.Text:
                Write(c, lines);
                break;
            case EscapeAction.Consumed:
                break;
            case EscapeAction.ResetScreen:
                // A reset or clear-screen ends what was on the line: SeaBIOS and the kernel both
                // start with one, right after text that had no newline.
                EmitIfVisible(lines);
                break;
            case EscapeAction.EraseToEndOfLine:
                line.EraseToEnd();
                break;
            case EscapeAction.EraseLine:
                line.Clear();
                break;
        }
    }

    private void Write(char c, List<ConsoleLine> lines)
    {
        switch (c)
        {
            case '\n':
                lines.Add(new ConsoleLine(line.Text));
                line.Clear();
                lastPartial = null;
                break;
            case '\r':
                line.ReturnCarriage();
                break;
            case '\b':
                line.Backspace();
                break;
            case '\t':
                line.Put(c);
                break;
            default:
                // Other control characters (BEL, NUL, SI/SO ...) are invisible on a terminal.
                if (!char.IsControl(c))
                    line.Put(c);
                break;
        }
    }

    private void EmitIfVisible(List<ConsoleLine> lines)
    {
        if (!string.IsNullOrWhiteSpace(line.Text))
            lines.Add(new ConsoleLine(line.Text));
        line.Clear();
        lastPartial = null;
    }

    private void AddPromptIfNew(List<ConsoleLine> lines)
    {
        var text = line.Text;
        if (text.Length == 0 || text == lastPartial || !LooksLikePrompt(text))
            return;
        lines.Add(new ConsoleLine(text, IsPartial: true));
        lastPartial = text;
    }

    [GeneratedRegex(@"(?:login:|[Pp]assword:|[#$]) $")]
    private static partial Regex PromptEnding();
}
