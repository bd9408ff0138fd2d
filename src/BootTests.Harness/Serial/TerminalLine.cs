using System.Text;

namespace BootTests.Serial;

/// <summary>The current line of a terminal: characters overwrite at the cursor, carriage return moves it home.</summary>
internal sealed class TerminalLine
{
    private readonly StringBuilder text = new();
    private int cursor;

    public string Text => text.ToString();

    public void Put(char c)
    {
        while (text.Length < cursor)
            text.Append(' ');
        if (cursor == text.Length)
            text.Append(c);
        else
            text[cursor] = c;
        cursor++;
    }

    public void ReturnCarriage() => cursor = 0;

    public void Backspace() => cursor = Math.Max(0, cursor - 1);

    public void EraseToEnd()
    {
        if (cursor < text.Length)
            text.Length = cursor;
    }

    public void Clear()
    {
        text.Clear();
        cursor = 0;
    }
}
