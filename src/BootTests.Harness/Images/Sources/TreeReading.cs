using BootTests.Images.Cpio;

namespace BootTests.Images.Sources;

/// <summary>A tree read from tars: its entries (file content stays in the tars), and the extended attributes the initramfs cannot carry.</summary>
public sealed record TreeReading(IReadOnlyList<CpioEntry> Entries, int FilesWithXattrs, IReadOnlyList<string> XattrExamples)
{
    /// <summary>The newest modification time in the tree (0 for an empty one).</summary>
    public long NewestMtime => Entries.Count == 0 ? 0 : Entries.Max(e => e.ModifiedUnixSeconds);

    public long ContentBytes => Entries.Where(e => e.HardLinkTo is null).Sum(e => e.Content?.Length ?? 0);
}
