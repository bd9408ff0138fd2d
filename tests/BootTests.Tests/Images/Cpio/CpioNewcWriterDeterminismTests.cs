using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
public sealed class CpioNewcWriterDeterminismTests
{
    private const long Early = 1_600_000_000;
    private const long Clamp = 1_700_000_000;
    private const long Late = 1_800_000_000;

    [Test]
    public void The_same_entries_in_any_input_order_give_identical_bytes()
    {
        var entries = SampleEntries();
        var reference = Write(entries, CpioWriteOptions.Default);

        for (var seed = 1; seed <= 5; seed++)
        {
            CpioEntry[] shuffled = [.. entries];
            new Random(seed).Shuffle(shuffled);
            Write(shuffled, CpioWriteOptions.Default).Should().Equal(reference, $"shuffle seed {seed} must not change the archive");
        }
    }

    [Test]
    public void Modification_times_later_than_the_clamp_are_clamped_and_earlier_ones_kept()
    {
        CpioEntry[] entries =
        [
            new("early", CpioEntryType.RegularFile, 0b110_100_100, 0, 0, Early),
            new("late", CpioEntryType.RegularFile, 0b110_100_100, 0, 0, Late),
        ];

        var headers = NewcTestHeader.ReadAll(Write(entries, new CpioWriteOptions(Clamp)));

        headers.Select(h => (h.Name, (long)h.ModifiedUnixSeconds)).Should().Equal(("early", Early), ("late", Clamp));
    }

    [Test]
    public void Without_a_clamp_modification_times_are_written_unchanged()
    {
        CpioEntry[] entries = [new("late", CpioEntryType.RegularFile, 0b110_100_100, 0, 0, Late)];

        NewcTestHeader.ReadAll(Write(entries, CpioWriteOptions.Default)).Single().ModifiedUnixSeconds.Should().Be((uint)Late);
    }

    [Test]
    public void Inodes_are_numbered_from_one_in_archive_order()
    {
        var headers = NewcTestHeader.ReadAll(Write(SampleEntries(), CpioWriteOptions.Default));

        headers.Select(h => h.Inode).Should().Equal(Enumerable.Range(1, headers.Count).Select(i => (uint)i));
    }

    private static List<CpioEntry> SampleEntries()
    {
        var entries = new List<CpioEntry>();
        foreach (var directory in new[] { "a", "a/b", "a-b", "a/b/c", "z", "A" })
        {
            entries.Add(new CpioEntry(directory, CpioEntryType.Directory, 0b111_101_101, 0, 0, Early));
            entries.Add(new CpioEntry(directory + "/f", CpioEntryType.RegularFile, 0b110_100_100, 1000, 1000, Late)
            {
                Content = new BytesContent(System.Text.Encoding.UTF8.GetBytes(directory)),
            });
        }

        entries.Add(new CpioEntry("a/l", CpioEntryType.SymbolicLink, 0b111_111_111, 0, 0, Early) { LinkTarget = "b/f" });
        return entries;
    }

    private static byte[] Write(IEnumerable<CpioEntry> entries, CpioWriteOptions options)
    {
        using var output = new MemoryStream();
        CpioNewcWriter.Write(output, entries, options);
        return output.ToArray();
    }
}
