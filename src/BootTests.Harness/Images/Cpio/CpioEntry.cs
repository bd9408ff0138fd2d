namespace BootTests.Images.Cpio;

/// <summary>One file of a cpio archive; <see cref="Permissions"/> holds the 07777 bits, the type bits come from <see cref="Type"/>.</summary>
public sealed record CpioEntry(
    string Path,
    CpioEntryType Type,
    int Permissions,
    int Uid,
    int Gid,
    long ModifiedUnixSeconds)
{
    /// <summary>Data of a <see cref="CpioEntryType.RegularFile"/>; null means empty.</summary>
    public CpioContent? Content { get; init; }

    /// <summary>Target of a <see cref="CpioEntryType.SymbolicLink"/>.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Path of another regular-file entry this one shares an inode (and content) with.</summary>
    public string? HardLinkTo { get; init; }

    public int DeviceMajor { get; init; }

    public int DeviceMinor { get; init; }
}
