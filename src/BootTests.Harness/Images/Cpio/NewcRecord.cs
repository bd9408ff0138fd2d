namespace BootTests.Images.Cpio;

/// <summary>One header of a newc archive with all numbers decided: what <see cref="CpioNewcWriter"/> writes for an entry.</summary>
internal sealed record NewcRecord(
    string Path,
    uint Inode,
    uint Mode,
    uint Uid,
    uint Gid,
    uint LinkCount,
    uint ModifiedUnixSeconds,
    CpioContent? Data,
    uint RDevMajor,
    uint RDevMinor)
{
    public uint FileSize => (uint)(Data?.Length ?? 0);
}
