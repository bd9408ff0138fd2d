using System.Text.Json;
using System.Xml.Linq;
using BootTests.Checks;
using BootTests.Suites;

namespace BootTests.Tests.Boot;

/// <summary>
/// Two shard processes of one suite at once on one host: separate run folders, one shared image cache (its lock), then
/// merged; the merge holds exactly the targets an unsharded run would, and compares clean against itself.
/// </summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class SuiteShardsBootTests
{
    [Test]
    public async Task Two_shards_run_side_by_side_and_merge_to_the_targets_of_an_unsharded_run()
    {
        using var folder = new ScratchDirectory("boottests-shards-");
        var suite = Repository.PathOf("vm/suites/ci-small.json");
        var env = new Dictionary<string, string?>();
        var unsharded = await BoottestCli.RunInAsync(folder.Path, env, TimeSpan.FromMinutes(1), "suite", "list", suite, "--json");
        unsharded.ExitCode.Should().Be(0, unsharded.StandardError);
        var expected = JsonDocument.Parse(unsharded.StandardOutput).RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();

        var shards = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => BoottestCli.RunInAsync(folder.Path, env, TimeSpan.FromMinutes(6),
            "suite", "run", suite, "--shard", $"{i}/2", "--out", folder.Combine($"shard-{i}"), "--run-label", "side-by-side")));

        foreach (var shard in shards) shard.ExitCode.Should().Be(0, shard.StandardOutput + shard.StandardError);
        var reports = Enumerable.Range(1, 2).Select(i => SuiteReportFile.Read(folder.Combine($"shard-{i}"), Stage.Merge)).ToList();
        var spans = reports.Select(r => (Start: r.Shards[0].Started, End: r.Shards[0].Started.AddSeconds(r.Shards[0].WallSeconds))).ToList();
        (spans[0].Start < spans[1].End && spans[1].Start < spans[0].End).Should().BeTrue($"the shards ran at the same time: {spans[0]} and {spans[1]}");
        reports.SelectMany(r => r.Targets).Select(t => t.RunFolder).Should().OnlyHaveUniqueItems().And.OnlyContain(f => f!.StartsWith("runs/", StringComparison.Ordinal));

        var merge = await BoottestCli.RunInAsync(folder.Path, env, TimeSpan.FromMinutes(1), "suite", "merge", folder.Path, "--out", folder.Combine("merged"));
        merge.ExitCode.Should().Be(0, merge.StandardOutput + merge.StandardError);
        var merged = SuiteReportFile.Read(folder.Combine("merged"), Stage.Merge);
        merged.Targets.Select(t => t.Target.Name).Should().Equal(expected, "the merged shards hold exactly the targets of an unsharded run, once each");
        merged.Targets.Should().OnlyContain(t => t.Outcome == TargetOutcome.Pass && t.Run!.Checks.Count == RamRootChecks.All.Count);
        merged.Shards.Select(s => s.Label).Should().Equal("side-by-side", "side-by-side");
        XDocument.Load(folder.Combine("merged", "junit.xml")).Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value)
            .Should().BeEquivalentTo(expected.Select(n => $"ci-small/{n}"));
        File.ReadAllText(folder.Combine("merged", "report.html")).Should().Contain("Suite ci-small").And.Contain(expected[0]!);

        var compare = await BoottestCli.RunInAsync(folder.Path, env, TimeSpan.FromMinutes(1), "suite", "compare", folder.Combine("merged"), folder.Combine("merged"));
        compare.ExitCode.Should().Be(0, compare.StandardOutput);
        compare.StandardOutput.Should().Contain("new failures (0)").And.Contain("verdict: no new failure");
        FaultScratch.ProcessesNaming(folder.Path).Should().BeEmpty("no QEMU of either shard outlives its process");
        TestContext.Out.WriteLine(string.Join("\n", shards.Select(s => s.StandardOutput.Trim())));
    }
}
