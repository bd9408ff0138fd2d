using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BootTests.Images.Cpio;

namespace BootTests.Images.Diff;

/// <summary>tree.tsv beside an image: every entry of the packed tree with a digest of its content, what `boottest diff` compares.</summary>
public static class TreeListing
{
    public const string FileName = "tree.tsv";

    public static IReadOnlyList<ListedEntry> Of(RootfsTree tree)
    {
        var byPath = tree.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        // One open tar and one buffer for every file: opening and allocating per file cost seconds on a default tree.
        using var files = new CpioCopyContext();
        return tree.Entries.OrderBy(e => e.Path, StringComparer.Ordinal).Select(e =>
        {
            var source = e.HardLinkTo is { } link && byPath.TryGetValue(link, out var target) ? target : e;
            var size = e.Type == CpioEntryType.RegularFile ? source.Content?.Length ?? 0 : 0;
            var content = e.Type switch
            {
                CpioEntryType.RegularFile => Digest(source.Content, files),
                CpioEntryType.SymbolicLink => "-> " + e.LinkTarget,
                CpioEntryType.CharacterDevice or CpioEntryType.BlockDevice => $"{e.DeviceMajor},{e.DeviceMinor}",
                _ => "",
            };
            return new ListedEntry(e.Path, TypeName(e.Type), Convert.ToString(e.Permissions, 8).PadLeft(4, '0'), $"{e.Uid}:{e.Gid}", size, content);
        }).ToList();
    }

    public static void Write(string path, IReadOnlyList<ListedEntry> entries)
    {
        var text = new StringBuilder("# type\tmode\towner\tsize\tcontent\tpath\n");
        foreach (var e in entries)
            text.Append(CultureInfo.InvariantCulture, $"{e.Type}\t{e.Mode}\t{e.Owner}\t{e.Size}\t{Escape(e.Content)}\t{Escape(e.Path)}\n");
        File.WriteAllText(path, text.ToString());
    }

    public static IReadOnlyList<ListedEntry> Read(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Where(f => f.Length == 6)
            .Select(f => new ListedEntry(Unescape(f[5]), f[0], f[1], f[2], long.Parse(f[3], CultureInfo.InvariantCulture), Unescape(f[4])))
            .ToList();

    private static string Digest(CpioContent? content, CpioCopyContext files)
    {
        if (content is null || content.Length == 0) return "e3b0c44298fc1c14";
        using var hash = new HashingStream();
        content.CopyTo(hash, files);
        return hash.Hex()[..16];
    }

    private static string TypeName(CpioEntryType type) => type switch
    {
        CpioEntryType.RegularFile => "file",
        CpioEntryType.Directory => "dir",
        CpioEntryType.SymbolicLink => "link",
        CpioEntryType.CharacterDevice => "char",
        CpioEntryType.BlockDevice => "block",
        CpioEntryType.Fifo => "fifo",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }
            result.Append(text[++i] switch { 't' => '\t', 'n' => '\n', var c => c });
        }
        return result.ToString();
    }

    /// <summary>A write-only stream that hashes what goes through it.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string Hex() => Convert.ToHexStringLower(hash.GetHashAndReset());

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
