using System.Globalization;

namespace BootTests.Checks;

/// <summary>Sizes as people read them in check results: MiB, with bytes added when not a whole MiB.</summary>
internal static class ByteSizeText
{
    private const long MiB = 1024 * 1024;

    public static string Of(long bytes) =>
        bytes % MiB == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{(double)bytes / MiB:0.##} MiB ({bytes} bytes)");
}
