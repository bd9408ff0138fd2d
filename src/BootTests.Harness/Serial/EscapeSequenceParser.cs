namespace BootTests.Serial;

/// <summary>What the terminal does with one character, given the escape sequence it may be part of.</summary>
internal enum EscapeAction
{
    Text,
    Consumed,
    ResetScreen,
    EraseToEndOfLine,
    EraseLine,
}

/// <summary>Recognises ANSI/VT escape sequences (CSI, OSC, two-character ESC forms) one character at a time.</summary>
/// <remarks>
/// A malformed sequence ends at the first character that cannot belong to it, and that character
/// is shown as text: systemd truncates unit names with an ellipsis in the middle of colour codes
/// (<c>ESC [0;1;…dev-ttyS0.device</c>), and the ellipsis is what a terminal displays.
/// </remarks>
internal sealed class EscapeSequenceParser
{
    private const char Escape = '\u001b';

    private enum State { Ground, Escape, Csi, EscapeIntermediate, Osc, OscEscape }

    private State state = State.Ground;
    private readonly System.Text.StringBuilder csiParameters = new();

    public EscapeAction Accept(char c)
    {
        switch (state)
        {
            case State.Ground:
                if (c != Escape)
                    return EscapeAction.Text;
                state = State.Escape;
                return EscapeAction.Consumed;

            case State.Escape:
                return AfterEscape(c);

            case State.Csi:
                return InsideCsi(c);

            case State.EscapeIntermediate:
                if (c is >= ' ' and <= '/')
                    return EscapeAction.Consumed;
                state = State.Ground;
                return c is >= '0' and <= '~' ? EscapeAction.Consumed : Accept(c);

            case State.Osc:
                if (c == '\a')
                    state = State.Ground;
                else if (c == Escape)
                    state = State.OscEscape;
                return EscapeAction.Consumed;

            case State.OscEscape:
                state = State.Ground;
                return c == '\\' ? EscapeAction.Consumed : Accept(c);

            default:
                throw new InvalidOperationException($"Unknown escape parser state {state}.");
        }
    }

    private EscapeAction AfterEscape(char c)
    {
        state = State.Ground;
        switch (c)
        {
            case '[':
                csiParameters.Clear();
                state = State.Csi;
                return EscapeAction.Consumed;
            case ']':
                state = State.Osc;
                return EscapeAction.Consumed;
            case 'c':
                return EscapeAction.ResetScreen;
            case Escape:
                state = State.Escape;
                return EscapeAction.Consumed;
            case >= ' ' and <= '/':
                state = State.EscapeIntermediate;
                return EscapeAction.Consumed;
            case >= '0' and <= '~':
                // Two-character forms such as ESC M (reverse index) or ESC 7 (save cursor).
                return EscapeAction.Consumed;
            default:
                return Accept(c);
        }
    }

    private EscapeAction InsideCsi(char c)
    {
        if (c is >= ' ' and <= '?')
        {
            csiParameters.Append(c);
            return EscapeAction.Consumed;
        }

        state = State.Ground;
        if (c is < '@' or > '~')
            return Accept(c);

        var parameters = csiParameters.ToString();
        return c switch
        {
            'K' when parameters is "" or "0" => EscapeAction.EraseToEndOfLine,
            'K' when parameters is "2" => EscapeAction.EraseLine,
            'J' when parameters is "2" or "3" => EscapeAction.ResetScreen,
            _ => EscapeAction.Consumed,
        };
    }
}
