using Microsoft.Win32.SafeHandles;

namespace BootTests.Images.Payloads;

/// <summary>
/// A read-only, seekable view of <c>length</c> bytes of an open file starting at <c>offset</c>. It reads positionally
/// (pread), so many views can share one handle without a shared file position, and it never owns the handle.
/// </summary>
internal sealed class FileRangeStream : Stream
{
    private readonly SafeFileHandle handle;
    private readonly long offset;
    private readonly long length;
    private readonly string description;
    private long position;

    public FileRangeStream(SafeFileHandle handle, long offset, long length, string description)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        this.handle = handle;
        this.offset = offset;
        this.length = length;
        this.description = description;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = length - position;
        if (remaining <= 0 || buffer.IsEmpty) return 0;
        var wanted = buffer[..(int)Math.Min(buffer.Length, remaining)];
        var read = RandomAccess.Read(handle, wanted, offset + position);
        if (read == 0)
            throw new EndOfStreamException($"{description} ended at byte {offset + position}, before the range {offset}+{length} was read.");
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
