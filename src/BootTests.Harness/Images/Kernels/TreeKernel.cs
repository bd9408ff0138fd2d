using BootTests.Images.Cpio;

namespace BootTests.Images.Kernels;

/// <summary>The kernels a tree carries in /boot (vmlinuz-VERSION), as the classic procedure copies boot/vmlinuz-*.</summary>
public static class TreeKernel
{
    /// <summary>Each kernel in /boot with its version, newest first; those with modules for their version come first.</summary>
    public static IReadOnlyList<(string Path, string Version)> Find(RootfsTree tree)
    {
        if (tree.Resolve("boot") is not { } boot) return [];
        return tree.Entries
            .Where(e => e.Type == CpioEntryType.RegularFile && e.Path.StartsWith(boot + "/vmlinuz-", StringComparison.Ordinal) && !e.Path[(boot.Length + 1)..].Contains('/'))
            .Select(e => (e.Path, Version: e.Path[(boot.Length + "/vmlinuz-".Length)..]))
            .Where(k => k.Version.Length > 0 && !k.Version.EndsWith(".old", StringComparison.Ordinal))
            .OrderByDescending(k => tree.Find($"lib/modules/{k.Version}/modules.dep") is not null)
            .ThenByDescending(k => k.Version, VersionComparer.Instance)
            .ToList();
    }

    /// <summary>Orders "6.1.0-57-amd64" after "6.1.0-9-amd64": digit runs compare as numbers.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Split(x ?? "");
            var b = Split(y ?? "");
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var both = long.TryParse(a[i], out var na) & long.TryParse(b[i], out var nb);
                var c = both ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Count.CompareTo(b.Count);
        }

        private static List<string> Split(string s) =>
            System.Text.RegularExpressions.Regex.Matches(s, "[0-9]+|[^0-9]+").Select(m => m.Value).ToList();
    }
}
