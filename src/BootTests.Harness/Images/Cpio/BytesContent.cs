namespace BootTests.Images.Cpio;

/// <summary>File content held in memory.</summary>
public sealed record BytesContent(byte[] Bytes) : CpioContent
{
    public override long Length => Bytes.LongLength;

    public override void CopyTo(Stream destination) => destination.Write(Bytes);
}
