using System.Globalization;
using System.Text;

namespace BootTests.Tests.TestKit;

/// <summary>The fields of one newc header as an independent, minimal parser reads them back from archive bytes.</summary>
internal sealed record NewcTestHeader(string Name, uint Inode, uint Mode, uint LinkCount, uint ModifiedUnixSeconds, uint FileSize, uint RDevMajor, uint RDevMinor)
{
    /// <summary>All headers before the trailer.</summary>
    public static IReadOnlyList<NewcTestHeader> ReadAll(byte[] archive)
    {
        var headers = new List<NewcTestHeader>();
        var offset = 0;
        while (true)
        {
            Encoding.ASCII.GetString(archive, offset, 6).Should().Be("070701", $"a header starts at offset {offset}");
            uint Field(int index) => uint.Parse(
                Encoding.ASCII.GetString(archive, offset + 6 + (index * 8), 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var nameSize = (int)Field(11);
            var name = Encoding.UTF8.GetString(archive, offset + 110, nameSize - 1);
            if (name == "TRAILER!!!")
            {
                return headers;
            }

            var header = new NewcTestHeader(name, Field(0), Field(1), Field(4), Field(5), Field(6), Field(9), Field(10));
            headers.Add(header);
            offset = Align4(Align4(offset + 110 + nameSize) + (int)header.FileSize);
        }
    }

    private static int Align4(int value) => (value + 3) & ~3;
}
