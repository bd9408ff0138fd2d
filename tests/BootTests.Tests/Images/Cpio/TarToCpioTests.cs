using System.Runtime.Versioning;
using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
[SupportedOSPlatform("linux")]
public sealed class TarToCpioTests
{
    private const long Mtime = 1_650_000_000;

    // Longer than the 100 bytes of a ustar name field, so GNU tar needs a LongLink record and pax a path record.
    private static readonly string LongName = "long/" + new string('n', 120);

    [TestCase("gnu")]
    [TestCase("pax")]
    public async Task A_tar_converted_to_cpio_extracts_with_GNU_cpio_to_the_same_tree(string format)
    {
        using var temp = new TempDirectory();
        var source = await CreateSourceTreeAsync(temp);
        var tar = temp.Combine("tree.tar");
        await GnuTools.CreateTarAsync(tar, source, format);

        var entries = TarToCpio.ReadEntries(tar, "rootfs/");
        var archive = temp.Combine("tree.cpio");
        using (var output = File.Create(archive))
        {
            CpioNewcWriter.Write(
                output,
                [new CpioEntry("rootfs", CpioEntryType.Directory, 0b111_101_101, 0, 0, Mtime), .. entries],
                CpioWriteOptions.Default);
        }

        var extracted = temp.Combine("out");
        await GnuTools.ExtractAsync(archive, extracted);
        var root = Path.Combine(extracted, "rootfs");

        File.ReadAllText(Path.Combine(root, "etc/hostname")).Should().Be("boottests\n");
        File.ReadAllBytes(Path.Combine(root, "usr/bin/tool")).Should().Equal(ToolBytes());
        File.ReadAllText(Path.Combine(root, LongName)).Should().Be("long\n");
        (await GnuTools.StatAsync(Path.Combine(root, "usr/bin/tool"), "%a %h")).Should().Be("755 2");
        (await GnuTools.StatAsync(Path.Combine(root, "usr/bin/tool"), "%i"))
            .Should().Be(await GnuTools.StatAsync(Path.Combine(root, "usr/bin/tool-alias"), "%i"));
        new FileInfo(Path.Combine(root, "bin")).LinkTarget.Should().Be("usr/bin");
        File.GetLastWriteTimeUtc(Path.Combine(root, "etc/hostname"))
            .Should().Be(DateTimeOffset.FromUnixTimeSeconds(Mtime).UtcDateTime);
        (await GnuTools.StatAsync(Path.Combine(root, "run/pipe"), "%F")).Should().Be("fifo");
        if (GnuTools.IsRoot)
        {
            (await GnuTools.StatAsync(Path.Combine(root, "run/null"), "%F %t,%T")).Should().Be("character special file 1,3");
        }
    }

    [Test]
    public async Task Entries_carry_prefixed_paths_and_file_ranges_into_the_tar_but_not_the_root_or_prefix()
    {
        using var temp = new TempDirectory();
        var source = await CreateSourceTreeAsync(temp);
        var tar = temp.Combine("tree.tar");
        await GnuTools.CreateTarAsync(tar, source, "gnu");

        var entries = TarToCpio.ReadEntries(tar, "rootfs/");

        entries.Select(e => e.Path).Should().NotContain(["rootfs", "rootfs/", "", "."]);
        entries.Should().OnlyContain(e => e.Path.StartsWith("rootfs/"));
        var alias = entries.Single(e => e.HardLinkTo != null);
        alias.HardLinkTo.Should().Be(alias.Path == "rootfs/usr/bin/tool" ? "rootfs/usr/bin/tool-alias" : "rootfs/usr/bin/tool");
        alias.Content.Should().BeNull();
        var hostname = entries.Single(e => e.Path == "rootfs/etc/hostname");
        hostname.Content.Should().BeOfType<FileRangeContent>().Which.FilePath.Should().Be(tar);
        using var copy = new MemoryStream();
        hostname.Content!.CopyTo(copy);
        copy.ToArray().Should().Equal("boottests\n"u8.ToArray());
        hostname.Permissions.Should().Be(0b110_100_000);
        entries.Single(e => e.Path == "rootfs/bin").Should().Match<CpioEntry>(
            e => e.Type == CpioEntryType.SymbolicLink && e.LinkTarget == "usr/bin");
        if (GnuTools.IsRoot)
        {
            entries.Single(e => e.Path == "rootfs/run/null").Should().Match<CpioEntry>(
                e => e.Type == CpioEntryType.CharacterDevice && e.DeviceMajor == 1 && e.DeviceMinor == 3);
        }
    }

    private static async Task<string> CreateSourceTreeAsync(TempDirectory temp)
    {
        var source = temp.Combine("source");
        Directory.CreateDirectory(Path.Combine(source, "etc"));
        Directory.CreateDirectory(Path.Combine(source, "usr/bin"));
        Directory.CreateDirectory(Path.Combine(source, "long"));
        Directory.CreateDirectory(Path.Combine(source, "run"));
        File.WriteAllText(Path.Combine(source, "etc/hostname"), "boottests\n");
        File.WriteAllBytes(Path.Combine(source, "usr/bin/tool"), ToolBytes());
        File.WriteAllText(Path.Combine(source, LongName), "long\n");
        File.CreateSymbolicLink(Path.Combine(source, "bin"), "usr/bin");
        await GnuTools.RunAsync("ln", Path.Combine(source, "usr/bin/tool"), Path.Combine(source, "usr/bin/tool-alias"));
        await GnuTools.RunAsync("mkfifo", Path.Combine(source, "run/pipe"));
        if (GnuTools.IsRoot)
        {
            await GnuTools.RunAsync("mknod", Path.Combine(source, "run/null"), "c", "1", "3");
        }

        File.SetUnixFileMode(Path.Combine(source, "etc/hostname"), (UnixFileMode)0b110_100_000);
        File.SetUnixFileMode(Path.Combine(source, "usr/bin/tool"), (UnixFileMode)0b111_101_101);
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(path).LinkTarget is null)
            {
                File.SetLastWriteTimeUtc(path, DateTimeOffset.FromUnixTimeSeconds(Mtime).UtcDateTime);
            }
        }

        return source;
    }

    private static byte[] ToolBytes() => Enumerable.Range(0, 5_003).Select(i => (byte)(i * 7)).ToArray();
}
