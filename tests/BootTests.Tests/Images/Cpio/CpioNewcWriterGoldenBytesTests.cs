using System.Text;
using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
public sealed class CpioNewcWriterGoldenBytesTests
{
    private const long Mtime = 1_700_000_000; // 0x6553F100

    [Test]
    public void A_directory_with_one_small_file_is_written_byte_for_byte_as_newc()
    {
        CpioEntry[] entries =
        [
            new("d/hi", CpioEntryType.RegularFile, 0b110_100_100, 0, 0, Mtime) { Content = new BytesContent("hi\n"u8.ToArray()) },
            new("d", CpioEntryType.Directory, 0b111_101_101, 0, 0, Mtime),
        ];

        // Fields: magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check.
        // GNU `cpio -o -H newc --reproducible` writes the same bytes for this tree except that it numbers
        // inodes from 0 and pads the archive to 512 bytes.
        var expected =
            "070701" + "00000001" + "000041ED" + "00000000" + "00000000" + "00000002" + "6553F100" + "00000000"
            + "00000000" + "00000000" + "00000000" + "00000000" + "00000002" + "00000000"
            + "d\0" // 110 + 2 = 112: already a multiple of 4
            + "070701" + "00000002" + "000081A4" + "00000000" + "00000000" + "00000001" + "6553F100" + "00000003"
            + "00000000" + "00000000" + "00000000" + "00000000" + "00000005" + "00000000"
            + "d/hi\0" + "\0" // 110 + 5 = 115, padded to 116
            + "hi\n" + "\0" // 3 data bytes, padded to 4
            + "070701" + "00000000" + "00000000" + "00000000" + "00000000" + "00000001" + "00000000" + "00000000"
            + "00000000" + "00000000" + "00000000" + "00000000" + "0000000B" + "00000000"
            + "TRAILER!!!\0" + "\0\0\0"; // 110 + 11 = 121, padded to 124

        var actual = Write(entries);

        Encoding.ASCII.GetString(actual).Should().Be(expected);
        actual.Length.Should().Be(112 + 116 + 4 + 124);
    }

    private static byte[] Write(IEnumerable<CpioEntry> entries)
    {
        using var output = new MemoryStream();
        CpioNewcWriter.Write(output, entries, CpioWriteOptions.Default);
        return output.ToArray();
    }
}
