using System.Text;

namespace BootTests.Images.Cpio;

/// <summary>Writes a deterministic cpio "newc" (070701) archive, as the Linux initramfs unpacker and GNU cpio read it.</summary>
public static class CpioNewcWriter
{
    private const int OutputBufferSize = 1 << 20;
    private const int HeaderLength = 110;
    private const string Magic = "070701";
    private const string TrailerName = "TRAILER!!!";

    public static void Write(Stream output, IEnumerable<CpioEntry> entries, CpioWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = NewcArchivePlan.Create(entries, options);

        // The caller owns the output stream: flush the buffer, but do not dispose it (that would close the output).
        var buffered = new BufferedStream(output, OutputBufferSize);
        var counting = new CountingStream(buffered);
        using var context = new CpioCopyContext();
        var headerBuffer = new byte[HeaderLength + 256];
        foreach (var record in records)
        {
            WriteHeader(counting, record, ref headerBuffer);
            if (record.Data is { } data)
            {
                var before = counting.BytesWritten;
                data.CopyTo(counting, context);
                var written = counting.BytesWritten - before;
                if (written != data.Length)
                {
                    throw new InvalidDataException(
                        $"Content of '{record.Path}' wrote {written} bytes but declared {data.Length}.");
                }

                WritePadding(counting);
            }
        }

        WriteHeader(counting, new NewcRecord(TrailerName, 0, 0, 0, 0, 1, 0, null, 0, 0), ref headerBuffer);
        counting.Flush();
    }

    private static void WriteHeader(CountingStream output, NewcRecord record, ref byte[] buffer)
    {
        var nameLength = Encoding.UTF8.GetByteCount(record.Path);
        var nameSize = nameLength + 1; // the NUL terminator counts
        var total = Align4(HeaderLength + nameSize);
        if (buffer.Length < total)
        {
            buffer = new byte[total * 2];
        }

        var header = buffer.AsSpan(0, total);
        header.Clear();
        Encoding.ASCII.GetBytes(Magic, header);
        var fields = header[Magic.Length..HeaderLength];
        var field = 0;
        WriteHex(fields, field++, record.Inode);
        WriteHex(fields, field++, record.Mode);
        WriteHex(fields, field++, record.Uid);
        WriteHex(fields, field++, record.Gid);
        WriteHex(fields, field++, record.LinkCount);
        WriteHex(fields, field++, record.ModifiedUnixSeconds);
        WriteHex(fields, field++, record.FileSize);
        WriteHex(fields, field++, 0); // devmajor of the archive's own file system: irrelevant, so fixed
        WriteHex(fields, field++, 0); // devminor
        WriteHex(fields, field++, record.RDevMajor);
        WriteHex(fields, field++, record.RDevMinor);
        WriteHex(fields, field++, (uint)nameSize);
        WriteHex(fields, field, 0); // c_check: only the "070702" CRC format uses it
        Encoding.UTF8.GetBytes(record.Path, header[HeaderLength..]);
        output.Write(header);
    }

    private static void WriteHex(Span<byte> fields, int index, uint value)
    {
        // Uppercase like GNU cpio and the kernel's gen_init_cpio, so archives compare equal byte for byte.
        value.TryFormat(fields.Slice(index * 8, 8), out _, "X8");
    }

    private static void WritePadding(CountingStream output)
    {
        var padding = (int)(Align4(output.BytesWritten) - output.BytesWritten);
        Span<byte> zeros = stackalloc byte[3];
        zeros.Clear();
        output.Write(zeros[..padding]);
    }

    private static int Align4(int value) => (value + 3) & ~3;

    private static long Align4(long value) => (value + 3) & ~3L;
}
