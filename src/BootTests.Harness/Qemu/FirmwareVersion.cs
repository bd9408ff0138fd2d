using System.Text;
using System.Text.RegularExpressions;

namespace BootTests.Qemu;

/// <summary>The version of the BIOS QEMU boots (SeaBIOS, read from its ROM), for the host class of a measurement.</summary>
public static partial class FirmwareVersion
{
    /// <summary>Where Debian and most distributions put QEMU's default BIOS.</summary>
    public static IReadOnlyList<string> SeaBiosRoms { get; } = ["/usr/share/seabios/bios-256k.bin", "/usr/share/qemu/bios-256k.bin"];

    /// <summary>"SeaBIOS 1.16.2-debian-1.16.2-1", or "unknown" when no ROM is found or it carries no version.</summary>
    public static string Read()
    {
        foreach (var rom in SeaBiosRoms.Where(File.Exists))
        {
            if (Of(File.ReadAllBytes(rom)) is { } version) return version;
        }
        return "unknown";
    }

    /// <summary>The SeaBIOS version in a ROM image: the version string stored beside its "SeaBIOS (version %s)" banner.</summary>
    public static string? Of(byte[] rom)
    {
        var text = Encoding.Latin1.GetString(rom);
        if (!text.Contains("SeaBIOS", StringComparison.Ordinal)) return null;
        var match = VersionString().Match(text);
        return match.Success ? $"SeaBIOS {match.Value}" : null;
    }

    // SeaBIOS builds store their version as a NUL-terminated string such as "1.16.2-debian-1.16.2-1" or "rel-1.16.3-0-g…".
    [GeneratedRegex(@"(?<=\0)(?:rel-)?\d+\.\d+\.\d+(?:[-.][A-Za-z0-9.~+-]+)?(?=\0)")]
    private static partial Regex VersionString();
}
