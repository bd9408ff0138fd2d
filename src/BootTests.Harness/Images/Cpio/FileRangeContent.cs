using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace BootTests.Images.Cpio;

/// <summary>File content that is <paramref name="Length"/> bytes of <paramref name="FilePath"/> starting at <paramref name="Offset"/>.</summary>
public sealed record FileRangeContent(string FilePath, long Offset, long Length) : CpioContent
{
    public override long Length { get; } = Length >= 0
        ? Length
        : throw new ArgumentOutOfRangeException(nameof(Length), Length, $"Length of the range in '{FilePath}' must not be negative.");

    public long Offset { get; } = Offset >= 0
        ? Offset
        : throw new ArgumentOutOfRangeException(nameof(Offset), Offset, $"Offset of the range in '{FilePath}' must not be negative.");

    public override void CopyTo(Stream destination)
    {
        // One file on its own: a buffer its size (up to 1 MiB) from the pool, not the 1 MiB an archive write shares.
        using var handle = File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(Length, 1, 1 << 20));
        try
        {
            Copy(handle, buffer, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal override void CopyTo(Stream destination, CpioCopyContext context) =>
        Copy(context.OpenRead(FilePath), context.Buffer, destination);

    private void Copy(SafeFileHandle handle, byte[] buffer, Stream destination)
    {
        var position = Offset;
        var remaining = Length;
        while (remaining > 0)
        {
            var wanted = (int)Math.Min(buffer.Length, remaining);
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, wanted), position);
            if (read == 0)
            {
                throw new EndOfStreamException(
                    $"'{FilePath}' ended at byte {position}, before the range {Offset}+{Length} was read.");
            }

            destination.Write(buffer, 0, read);
            position += read;
            remaining -= read;
        }
    }
}
