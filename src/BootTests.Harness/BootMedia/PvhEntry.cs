using System.Buffers.Binary;
using System.Text;

namespace BootTests.BootMedia;

/// <summary>Whether an ELF vmlinux has a PVH entry point (the Xen note XEN_ELFNOTE_PHYS32_ENTRY), which QEMU's -kernel boots directly.</summary>
public static class PvhEntry
{
    private const uint PtNote = 4;
    private const uint Phys32EntryNote = 18;
    private static readonly byte[] ElfMagic = [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>Null when the file is a 64-bit x86 ELF with the note; else what it is instead.</summary>
    public static string? Problem(string path)
    {
        using var stream = File.OpenRead(path);
        var header = new byte[64];
        if (stream.Read(header) < header.Length || !header.AsSpan(0, 4).SequenceEqual(ElfMagic))
            return "it is not an ELF file";
        if (header[4] != 2 || header[5] != 1 || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18)) != 0x3E)
            return "it is not a 64-bit little-endian x86 ELF";
        var programHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(54));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(56));
        var entry = new byte[Math.Max((int)entrySize, 56)];
        for (var i = 0; i < count; i++)
        {
            stream.Position = programHeaders + (long)i * entrySize;
            if (stream.Read(entry, 0, entrySize) < entrySize) return "its program headers are cut short";
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) != PtNote) continue;
            var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
            var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(32));
            if (size is <= 0 or > 1 << 20) continue;
            var notes = new byte[size];
            stream.Position = offset;
            if (stream.Read(notes) < size) return "a note segment is cut short";
            if (HasPhys32Entry(notes)) return null;
        }
        return "it has no PVH entry point (the kernel was built without CONFIG_PVH)";
    }

    private static bool HasPhys32Entry(ReadOnlySpan<byte> notes)
    {
        while (notes.Length >= 12)
        {
            var nameSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(notes);
            var descSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(notes[4..]);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(notes[8..]);
            var nameEnd = 12 + ((nameSize + 3) & ~3);
            var next = nameEnd + ((descSize + 3) & ~3);
            if (nameSize < 0 || descSize < 0 || next > notes.Length || next <= 0) return false;
            if (type == Phys32EntryNote && Encoding.ASCII.GetString(notes.Slice(12, nameSize)).TrimEnd('\0') == "Xen") return true;
            notes = notes[next..];
        }
        return false;
    }
}
