using Microsoft.Win32.SafeHandles;

namespace BootTests.Images.Payloads;

/// <summary>
/// A read-only, seekable view of <c>length</c> bytes of an open file starting at <c>offset</c>. It reads positionally
/// (pread), so many views can share one handle without a shared file position, and it never owns the handle.
/// </summary>
internal sealed class FileRangeStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _offset;
    private readonly long _length;
    private readonly string _description;
    private long _position;

    public FileRangeStream(SafeFileHandle handle, long offset, long length, string description)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _handle = handle;
        _offset = offset;
        _length = length;
        _description = description;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _length - _position;
        if (remaining <= 0 || buffer.IsEmpty) return 0;
        var wanted = buffer[..(int)Math.Min(buffer.Length, remaining)];
        var read = RandomAccess.Read(_handle, wanted, _offset + _position);
        if (read == 0)
            throw new EndOfStreamException($"{_description} ended at byte {_offset + _position}, before the range {_offset}+{_length} was read.");
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
