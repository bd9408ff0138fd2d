using System.Text;
using System.Xml;

namespace BootTests.Reports;

/// <summary>Makes console text legal in XML 1.0: control characters such as ESC become visible <c>\x1B</c> escapes.</summary>
internal static class XmlSafeText
{
    public static string Of(string text)
    {
        if (text.All(XmlConvert.IsXmlChar) && !text.Any(char.IsSurrogate))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                safe.Append(c);
            }
            else
            {
                safe.Append($"\\x{(int)c:X2}");
            }
        }

        return safe.ToString();
    }
}
