using System.Globalization;
using System.Text.RegularExpressions;

namespace BootTests.Images;

/// <summary>A size in bytes written the way tmpfs and QEMU take it: 1500m, 2G, 512MiB, 1048576.</summary>
public readonly partial record struct ByteSize(long Bytes)
{
    public long MiB => Bytes / (1024 * 1024);

    /// <summary>Parses a positive size with an optional K/M/G/T suffix (binary units); null when it is not one.</summary>
    public static ByteSize? TryParse(string? text)
    {
        if (text is null) return null;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success) return null;
        if (!long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            return null;
        var shift = char.ToLowerInvariant(match.Groups["unit"].Value.FirstOrDefault()) switch
        {
            'k' => 10,
            'm' => 20,
            'g' => 30,
            't' => 40,
            _ => 0,
        };
        if (n > long.MaxValue >> shift) return null;
        return new ByteSize(n << shift);
    }

    /// <summary>The size as tmpfs's size= option and QEMU's -m take it, in whole MiB when it divides.</summary>
    public string ToOption() => Bytes % (1024 * 1024) == 0 ? $"{MiB}M" : Bytes.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Bytes % (1024 * 1024) == 0 ? $"{MiB} MiB" : $"{Bytes} bytes";

    public static ByteSize FromMiB(long mib) => new(mib * 1024 * 1024);

    [GeneratedRegex(@"^(?<n>[0-9]+)\s*(?<unit>[kKmMgGtT](i?[bB])?|[bB])?$")]
    private static partial Regex SizePattern();
}
