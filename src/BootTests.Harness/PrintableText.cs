namespace BootTests;

/// <summary>Quotes user input in error messages: control characters are shown as \uXXXX, so a message stays on its line.</summary>
public static class PrintableText
{
    public static string Of(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? Escape(c) : c.ToString()));

    public static string Escape(char c) => $"\\u{(int)c:x4}";
}
