using BootTests.Images.Cpio;

namespace BootTests.Tests.Images.Cpio;

[TestFixture]
[Category(Categories.Unit)]
public sealed class CpioNewcWriterValidationTests
{
    [TestCase("../x")]
    [TestCase("a/../x")]
    [TestCase("/abs")]
    [TestCase("/")]
    [TestCase("a//b")]
    [TestCase("a/./b")]
    [TestCase("")]
    public void A_path_that_is_not_a_plain_relative_path_is_rejected_by_name(string path)
    {
        Action write = () => Write(FileEntry(path));

        write.Should().Throw<ArgumentException>().WithMessage($"*'{path}'*");
    }

    [Test]
    public void Two_entries_for_the_same_path_are_rejected_by_name()
    {
        Action write = () => Write(FileEntry("usr/bin"), FileEntry("./usr/bin"));

        write.Should().Throw<ArgumentException>().WithMessage("*usr/bin*more than once*");
    }

    [Test]
    public void A_hard_link_to_a_missing_entry_is_rejected_by_name()
    {
        Action write = () => Write(FileEntry("a") with { HardLinkTo = "missing" });

        write.Should().Throw<ArgumentException>().WithMessage("*'a'*'missing'*");
    }

    [Test]
    public void A_hard_link_to_a_directory_is_rejected_by_name()
    {
        Action write = () => Write(
            new CpioEntry("d", CpioEntryType.Directory, 0b111_101_101, 0, 0, 0),
            FileEntry("a") with { HardLinkTo = "d" });

        write.Should().Throw<ArgumentException>().WithMessage("*'a'*'d'*");
    }

    [Test]
    public void A_cycle_of_hard_links_is_rejected()
    {
        Action write = () => Write(FileEntry("a") with { HardLinkTo = "b" }, FileEntry("b") with { HardLinkTo = "a" });

        write.Should().Throw<ArgumentException>().WithMessage("*cycle*");
    }

    [Test]
    public void Permissions_outside_07777_are_rejected_by_name()
    {
        Action write = () => Write(FileEntry("a") with { Permissions = 0x8000 | 0b110_100_100 });

        write.Should().Throw<ArgumentException>().WithMessage("*100644*'a'*");
    }

    [Test]
    public void A_symbolic_link_without_a_target_is_rejected_by_name()
    {
        Action write = () => Write(new CpioEntry("l", CpioEntryType.SymbolicLink, 0b111_111_111, 0, 0, 0));

        write.Should().Throw<ArgumentException>().WithMessage("*'l'*");
    }

    [Test]
    public void Content_shorter_than_it_declares_is_reported_by_path()
    {
        using var temp = new TempDirectory();
        var source = temp.Combine("source");
        File.WriteAllBytes(source, new byte[10]);

        Action write = () => Write(FileEntry("a") with { Content = new FileRangeContent(source, 8, 5) });

        write.Should().Throw<EndOfStreamException>().WithMessage($"*'{source}'*");
    }

    [Test]
    public void The_root_entry_is_dropped_rather_than_written()
    {
        using var output = new MemoryStream();
        CpioNewcWriter.Write(
            output, [new CpioEntry("./", CpioEntryType.Directory, 0b111_101_101, 0, 0, 0), FileEntry("a")], CpioWriteOptions.Default);

        NewcTestHeader.ReadAll(output.ToArray()).Select(h => h.Name).Should().Equal("a");
    }

    private static CpioEntry FileEntry(string path) => new(path, CpioEntryType.RegularFile, 0b110_100_100, 0, 0, 0);

    private static void Write(params CpioEntry[] entries) =>
        CpioNewcWriter.Write(Stream.Null, entries, CpioWriteOptions.Default);
}
