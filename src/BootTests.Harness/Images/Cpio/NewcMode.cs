namespace BootTests.Images.Cpio;

/// <summary>The S_IF* file type bits of st_mode for each <see cref="CpioEntryType"/>.</summary>
internal static class NewcMode
{
    public const int PermissionBits = 0b111_111_111_111; // 07777

    public static uint TypeBits(CpioEntryType type) => type switch
    {
        CpioEntryType.Fifo => 0x1000,            // S_IFIFO  0010000
        CpioEntryType.CharacterDevice => 0x2000, // S_IFCHR  0020000
        CpioEntryType.Directory => 0x4000,       // S_IFDIR  0040000
        CpioEntryType.BlockDevice => 0x6000,     // S_IFBLK  0060000
        CpioEntryType.RegularFile => 0x8000,     // S_IFREG  0100000
        CpioEntryType.SymbolicLink => 0xA000,    // S_IFLNK  0120000
        CpioEntryType.Socket => 0xC000,          // S_IFSOCK 0140000
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown cpio entry type '{type}'."),
    };
}
