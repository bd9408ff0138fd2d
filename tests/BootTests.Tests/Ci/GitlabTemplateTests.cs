using System.Text.Json;
using System.Xml.Linq;
using BootTests.Checks;
using BootTests.Suites;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Ci;

/// <summary>
/// The GitLab template, run end to end by gitlab-ci-local with its shell executor on a copy of this repository: the
/// build job builds the CLI and the images, two parallel shard jobs boot the small suite at once, the merge job joins them
/// into what an unsharded run holds, and compare reads the merged result. Two boots at once in one process are what the
/// [Parallelizable] boot fixtures do on every run (TestKit/Parallelism.cs).
/// </summary>
[Category(Categories.Ci)]
[Parallelizable(ParallelScope.Self)]
public sealed class GitlabTemplateTests
{
    [OneTimeSetUp]
    public Task InstallTools() => CiTools.EnsureInstalledAsync();

    [Test]
    public async Task The_template_builds_runs_two_shards_and_merges_them_under_gitlab_ci_local()
    {
        using var folder = new ScratchDirectory("boottests-gitlab-");
        var project = folder.Combine("project");
        await CopyRepositoryAsync(project);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        var result = await CliWrap.Cli.Wrap(CiTools.GitlabCiLocal)
            .WithArguments([
                "--file", "ci/gitlab/.gitlab-ci.yml",
                "--variable", "SUITE=vm/suites/ci-small.json",
                // The images the tests already built: the template's cache folder would start empty in a fresh copy.
                "--variable", $"BOOTTESTS_CACHE={BootTests.Images.CacheDirectory.Default().Root}",
            ])
            .WithWorkingDirectory(project).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);

        var output = result.StandardOutput + result.StandardError;
        TestContext.Out.WriteLine(output);
        result.ExitCode.Should().Be(0, output);
        output.Should().MatchRegex(@"PASS\s+build").And.MatchRegex(@"PASS\s+suite: \[1/2\]").And.MatchRegex(@"PASS\s+suite: \[2/2\]").And.MatchRegex(@"PASS\s+merge");
        var merged = SuiteReportFile.Read(Path.Combine(project, "results", "merged"), Stage.Merge);
        merged.Verdict.Should().Be("pass");
        merged.Shards.Select(s => s.Index).Should().Equal(1, 2);
        merged.Targets.Select(t => t.Target.Name).Should().BeEquivalentTo(["fast-nokaslr", "fast-1536m"]);
        File.Exists(Path.Combine(project, "results", "merged", "junit.xml")).Should().BeTrue();
        File.ReadAllText(Path.Combine(project, "results", "merged", "summary.md")).Should().Contain("BootTests suite `ci-small`: pass");
        // What an unsharded run of the suite would hold, once each, every check passed, each in its own run folder.
        var planned = await BoottestCli.RunInAsync(project, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), "suite", "list", "vm/suites/ci-small.json", "--json");
        planned.ExitCode.Should().Be(0, planned.StandardError);
        var expected = JsonDocument.Parse(planned.StandardOutput).RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        merged.Targets.Select(t => t.Target.Name).Should().Equal(expected);
        merged.Targets.Should().OnlyContain(t => t.Outcome == TargetOutcome.Pass && t.Run!.Checks.Count == RamRootChecks.All.Count);
        merged.Targets.Select(t => t.RunFolder).Should().OnlyHaveUniqueItems();
        XDocument.Load(Path.Combine(project, "results", "merged", "junit.xml")).Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value)
            .Should().BeEquivalentTo(expected.Select(n => $"ci-small/{n}"));
        File.ReadAllText(Path.Combine(project, "results", "merged", "report.html")).Should().Contain("Suite ci-small").And.Contain(expected[0]!);
        var compare = await BoottestCli.RunInAsync(project, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1),
            "suite", "compare", Path.Combine(project, "results", "merged"), Path.Combine(project, "results", "merged"));
        compare.ExitCode.Should().Be(0, compare.StandardOutput);
        compare.StandardOutput.Should().Contain("new failures (0)").And.Contain("verdict: no new failure");
        FaultScratch.ProcessesNaming(project).Should().BeEmpty("no job's QEMU outlives the pipeline");
    }

    // What a CI checkout holds: the tracked files and the new ones not ignored, in a git repository of their own.
    private static async Task CopyRepositoryAsync(string destination)
    {
        var files = await Git(Repository.Root, "ls-files", "-co", "--exclude-standard", "-z");
        foreach (var file in files.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(Repository.Root, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        await Git(destination, "init", "-q", "-b", "main");
        await Git(destination, "add", "-A");
        await Git(destination, "-c", "user.name=boottests", "-c", "user.email=boottests@localhost", "commit", "-q", "-m", "copy for gitlab-ci-local");
    }

    private static async Task<string> Git(string folder, params string[] arguments)
    {
        var result = await CliWrap.Cli.Wrap("git").WithArguments(arguments).WithWorkingDirectory(folder).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        result.ExitCode.Should().Be(0, $"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }
}
