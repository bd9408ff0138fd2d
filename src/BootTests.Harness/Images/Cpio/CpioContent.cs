namespace BootTests.Images.Cpio;

/// <summary>Content of a regular file: a byte range of some seekable source file (e.g. a tar archive on disk), or in-memory bytes.</summary>
public abstract record CpioContent
{
    public abstract long Length { get; }

    public abstract void CopyTo(Stream destination);

    /// <summary>Copies using the writer's shared buffer and open files; derived types outside this library fall back to <see cref="CopyTo(Stream)"/>.</summary>
    internal virtual void CopyTo(Stream destination, CpioCopyContext context) => CopyTo(destination);
}
