namespace BootTests.Images.Cpio;

/// <summary>The kind of file a cpio entry describes.</summary>
public enum CpioEntryType
{
    Directory,
    RegularFile,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
