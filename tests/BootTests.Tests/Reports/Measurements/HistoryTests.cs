using BootTests.Reports.Measurements;

namespace BootTests.Tests.Reports.Measurements;

[TestFixture]
[Category(Categories.Unit)]
public sealed class MeasureHistoryTests
{
    private string path = null!;

    [SetUp]
    public void CreateFile() => path = Path.Combine(Directory.CreateTempSubdirectory("boottests-history-").FullName, "history.jsonl");

    [TearDown]
    public void DeleteFile() => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

    [Test]
    public void Appended_boots_read_back_equal_one_line_each()
    {
        var boots = new[] { SampleBoots.Boot("seed"), SampleBoots.Boot("fast", scale: 0.5) };
        foreach (var boot in boots) History.Append(path, boot);

        File.ReadAllLines(path).Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith("{\"date\":"));
        History.Read(path).Should().BeEquivalentTo(boots, o => o.WithStrictOrdering());
    }

    [Test]
    public void The_fields_have_the_documented_names()
    {
        History.Append(path, SampleBoots.Boot());

        var line = File.ReadAllText(path);
        foreach (var field in new[] { "date", "layout", "recipe", "accelerator", "qemuVersion", "kernelVersion", "cpuModel", "cpuCount",
                     "imageSha256", "milestones", "hostSeconds", "guestSeconds", "systemdAnalyze" })
        {
            line.Should().Contain($"\"{field}\":");
        }
    }

    [Test]
    public void A_last_line_cut_short_is_skipped_and_the_next_append_replaces_it()
    {
        History.Append(path, SampleBoots.Boot("seed"));
        var whole = File.ReadAllText(path).TrimEnd('\n');
        File.AppendAllText(path, whole[..(whole.Length / 2)]);

        History.Read(path).Select(r => r.Layout).Should().Equal("seed");

        History.Append(path, SampleBoots.Boot("fast"));
        File.AppendAllText(path, "{\"date\":");
        History.Read(path).Select(r => r.Layout).Should().Equal("seed", "fast");
    }

    [Test]
    public void A_broken_line_before_the_last_is_an_error_naming_the_file_and_line()
    {
        History.Append(path, SampleBoots.Boot());
        File.AppendAllText(path, "not json\n");
        History.Append(path, SampleBoots.Boot());

        var act = () => History.Read(path);

        act.Should().Throw<BootTestsException>().Where(e => e.Message.Contains($"{path}:2") && e.ExitCode == ExitCode.Usage);
    }

    [Test]
    public void A_file_of_whole_lines_that_are_not_boot_records_is_an_error_even_in_its_last_line()
    {
        File.WriteAllText(path, "root:x:0:0:root:/root:/bin/bash\n");

        var act = () => History.Read(path);

        act.Should().Throw<BootTestsException>().Where(e => e.Message.Contains($"{path}:1") && e.ExitCode == ExitCode.Usage);
    }
}
