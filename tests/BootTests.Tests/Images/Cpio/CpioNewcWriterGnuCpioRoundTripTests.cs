using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
public sealed class CpioNewcWriterGnuCpioRoundTripTests
{
    private const long Mtime = 1_700_000_000;
    private const int Rwxr_xr_x = 0b111_101_101;
    private const int Rw_r__r__ = 0b110_100_100;

    private static readonly byte[] HardLinkedBytes = "shared by three names\n"u8.ToArray();

    [Test]
    public async Task GNU_cpio_lists_every_entry_parents_first_in_component_order()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);

        var names = await GnuTools.ListNamesAsync(archive);

        // "etc-old" sorts after everything under "etc/" although '-' < '/' in plain ordinal order.
        names.Should().Equal(
            "bin", "bin/a", "bin/b", "bin/c",
            "dev", "dev/fifo", "dev/null",
            "etc", "etc/link", "etc/nested", "etc/nested/deeper", "etc/nested/deeper/file",
            "etc/size0", "etc/size1", "etc/size2", "etc/size3", "etc/size4", "etc/size5",
            "etc-old");
    }

    [Test]
    public async Task GNU_cpio_shows_types_modes_and_the_symlink_target()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);

        var lines = await GnuTools.ListVerboseAsync(archive);

        lines.Should().Contain(line => line.StartsWith("lrwxrwxrwx") && line.EndsWith("etc/link -> size3"));
        lines.Should().Contain(line => line.StartsWith("prw-------") && line.EndsWith("dev/fifo"));
        lines.Should().Contain(line => line.StartsWith("crw-rw-rw-") && line.EndsWith("dev/null"));
        lines.Should().Contain(line => line.StartsWith("drwx------") && line.EndsWith("etc/nested"));
        lines.Should().Contain(line => line.StartsWith("-rwsr-xr-x") && line.EndsWith("etc/size5"));
    }

    [Test]
    public async Task GNU_cpio_extracts_contents_modes_and_symlinks()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);
        var root = temp.Combine("out");

        await GnuTools.ExtractAsync(archive, root);

        for (var size = 0; size <= 5; size++)
        {
            File.ReadAllBytes(Path.Combine(root, $"etc/size{size}")).Should().Equal(BytesOfSize(size));
        }

        File.ReadAllText(Path.Combine(root, "etc/nested/deeper/file")).Should().Be("deep\n");
        File.ReadAllText(Path.Combine(root, "etc-old")).Should().Be("old\n");
        (await GnuTools.StatAsync(Path.Combine(root, "etc/size1"), "%a")).Should().Be("644");
        (await GnuTools.StatAsync(Path.Combine(root, "etc/size5"), "%a")).Should().Be("4755");
        (await GnuTools.StatAsync(Path.Combine(root, "etc/nested"), "%a")).Should().Be("700");
        (await GnuTools.StatAsync(Path.Combine(root, "etc/nested/deeper"), "%a")).Should().Be("755");
        File.GetLastWriteTimeUtc(Path.Combine(root, "etc/size3")).Should().Be(DateTimeOffset.FromUnixTimeSeconds(Mtime).UtcDateTime);
        new FileInfo(Path.Combine(root, "etc/link")).LinkTarget.Should().Be("size3");
        (await GnuTools.StatAsync(Path.Combine(root, "dev/fifo"), "%F %a")).Should().Be("fifo 600");
    }

    [Test]
    public async Task GNU_cpio_extracts_a_hard_link_group_whose_data_is_on_its_first_entry_as_one_inode()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);
        var root = temp.Combine("out");

        await GnuTools.ExtractAsync(archive, root);

        var stats = await Task.WhenAll(
            new[] { "bin/a", "bin/b", "bin/c" }.Select(name => GnuTools.StatAsync(Path.Combine(root, name), "%i %h %s")));
        stats.Distinct().Should().ContainSingle("all three names are one inode").Which.Should().EndWith($" 3 {HardLinkedBytes.Length}");
        File.ReadAllBytes(Path.Combine(root, "bin/a")).Should().Equal(HardLinkedBytes);
    }

    [Test]
    public void The_first_entry_of_a_hard_link_group_in_archive_order_carries_the_data_and_the_others_none()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);

        var headers = NewcTestHeader.ReadAll(File.ReadAllBytes(archive));

        // "bin/c" holds the content in the input, but "bin/a" comes first in the archive, as the kernel needs.
        headers.Where(h => h.Name.StartsWith("bin/")).Select(h => (h.Name, h.FileSize, h.LinkCount))
            .Should().Equal(("bin/a", (uint)HardLinkedBytes.Length, 3u), ("bin/b", 0u, 3u), ("bin/c", 0u, 3u));
        headers.Where(h => h.Name.StartsWith("bin/")).Select(h => h.Inode).Distinct().Should().ContainSingle();
        headers.Where(h => h.Name is not ("bin/b" or "bin/c")).Select(h => h.Inode)
            .Should().OnlyHaveUniqueItems("inodes are shared only within the hard-link group");
    }

    [Test]
    public async Task GNU_cpio_creates_device_nodes_with_their_numbers_when_run_as_root()
    {
        using var temp = new TempDirectory();
        var archive = WriteArchive(temp);
        var root = temp.Combine("out");

        await GnuTools.ExtractAsync(archive, root);

        var devNull = Path.Combine(root, "dev/null");
        if (GnuTools.IsRoot)
        {
            (await GnuTools.StatAsync(devNull, "%F %t,%T %a")).Should().Be("character special file 1,3 666");
        }
        else
        {
            // Without CAP_MKNOD GNU cpio warns and skips the node; everything else must still be there.
            File.Exists(Path.Combine(root, "etc/size5")).Should().BeTrue();
        }
    }

    private static string WriteArchive(TempDirectory temp)
    {
        var entries = new List<CpioEntry>
        {
            DirectoryEntry("bin"),
            FileEntry("bin/c", HardLinkedBytes),
            HardLinkEntry("bin/a", "bin/c"),
            HardLinkEntry("./bin/b", "bin/c"),
            DirectoryEntry("./dev/"),
            new("dev/fifo", CpioEntryType.Fifo, 0b110_000_000, 0, 0, Mtime),
            new("dev/null", CpioEntryType.CharacterDevice, 0b110_110_110, 0, 0, Mtime) { DeviceMajor = 1, DeviceMinor = 3 },
            DirectoryEntry("etc"),
            new("etc/link", CpioEntryType.SymbolicLink, 0, 0, 0, Mtime) { LinkTarget = "size3" },
            DirectoryEntry("etc/nested") with { Permissions = 0b111_000_000 },
            DirectoryEntry("etc/nested/deeper"),
            FileEntry("etc/nested/deeper/file", "deep\n"u8.ToArray()),
            FileEntry("etc-old", "old\n"u8.ToArray()),
            new(".", CpioEntryType.Directory, Rwxr_xr_x, 0, 0, Mtime),
        };
        entries.AddRange(Enumerable.Range(0, 6).Select(size => FileEntry($"etc/size{size}", BytesOfSize(size))));
        entries[^1] = entries[^1] with { Permissions = 0b100_000_000_000 | Rwxr_xr_x };
        entries.Reverse();

        var archive = temp.Combine("test.cpio");
        using (var output = File.Create(archive))
        {
            CpioNewcWriter.Write(output, entries, CpioWriteOptions.Default);
        }

        return archive;
    }

    private static byte[] BytesOfSize(int size) => Enumerable.Range(0, size).Select(i => (byte)('a' + i)).ToArray();

    private static CpioEntry DirectoryEntry(string path) => new(path, CpioEntryType.Directory, Rwxr_xr_x, 0, 0, Mtime);

    private static CpioEntry FileEntry(string path, byte[] bytes) =>
        new(path, CpioEntryType.RegularFile, Rw_r__r__, 0, 0, Mtime) { Content = new BytesContent(bytes) };

    private static CpioEntry HardLinkEntry(string path, string target) =>
        new(path, CpioEntryType.RegularFile, Rw_r__r__, 0, 0, Mtime) { HardLinkTo = target };
}
