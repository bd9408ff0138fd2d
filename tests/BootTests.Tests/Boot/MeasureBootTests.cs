using System.Text.Json;
using BootTests.Tests.Images;

namespace BootTests.Tests.Boot;

/// <summary>`boottest measure` as the real CLI process: one cold boot, the history line, HTML and JSON, then a baseline check against it.</summary>
// On the BusyBox recipe: nothing here depends on the recipe, and its boots are the suite's cheapest.
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class MeasureBootTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("boottests-measure-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Measure_records_one_boot_in_the_history_and_then_passes_a_baseline_check_against_it()
    {
        // The output paths have spaces, quotes, a comma and shell metacharacters; the canary shows none reached a shell.
        var bait = Directory.CreateDirectory(Path.Combine(folder, Cli.HostileInputTests.ShellBait)).FullName;
        var history = Path.Combine(bait, "history $(touch pwned).jsonl");
        var html = Path.Combine(bait, "measure `touch pwned`.html");
        var json = Path.Combine(bait, "measure 'x'.json");
        string[] once = ["measure", "--recipe", "debian-bookworm-busybox", "--layout", "fast", "--runs", "1", "--accel", "tcg", "--history", history, "--html", html, "--json", json];

        var first = await BoottestCli.RunInAsync(folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5), once);
        Cli.Canary.ShouldFindNoneUnder(folder);

        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);
        first.StandardError.Should().Contain("layout fast: boot 1/1: ssh-ready at");
        first.StandardOutput.Should().Contain("total-to-ssh-ready");
        var lines = await File.ReadAllLinesAsync(history);
        lines.Should().ContainSingle();
        using (var record = JsonDocument.Parse(lines[0]))
        {
            // --accel tcg: the boot enters the kernel through PVH, a series of its own beside bzImage boots.
            record.RootElement.GetProperty("layout").GetString().Should().Be("fast/pvh");
            record.RootElement.GetProperty("accelerator").GetString().Should().Be("tcg");
            record.RootElement.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("name").GetString())
                .Should().Contain(["kernel-start", "extract-end", "switch-root", "ssh-ready"]);
        }
        (await File.ReadAllTextAsync(html)).Should().Contain("<svg");
        using (var summary = JsonDocument.Parse(await File.ReadAllTextAsync(json)))
            summary.RootElement.GetProperty("records").GetArrayLength().Should().Be(1);

        var second = await BoottestCli.RunAsync([.. once, "--baseline", history, "--max-regression", "1000"]);

        second.ExitCode.Should().Be(0, second.StandardOutput + second.StandardError);
        second.StandardOutput.Should().Contain("baseline").And.NotContain("REGRESSED");
        (await File.ReadAllLinesAsync(history)).Should().HaveCount(2);
    }
}
