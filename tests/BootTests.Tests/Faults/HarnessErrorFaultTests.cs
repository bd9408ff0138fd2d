using System.Text.RegularExpressions;
using BootTests.Images;
using BootTests.Tests.Images;

namespace BootTests.Tests.Faults;

/// <summary>
/// A bug (a stand-in: BOOTTESTS_FAILPOINT makes a stage throw an unexpected exception) exits 5, never 1: one line naming
/// the stage and the details file, no stack trace on the terminal, nothing half-written, nothing left running.
/// </summary>
public sealed class HarnessErrorFaultTests : FaultCase
{
    [Test]
    public async Task A_bug_while_building_an_image_exits_5_naming_the_stage_and_publishes_nothing()
    {
        await FaultInputs.DefaultImageAsync();
        var name = $"bug-{Guid.NewGuid():N}"[..12];
        var recipe = Scratch.Input("recipe.json");
        File.WriteAllText(recipe, RecipeLoader.ReadEmbeddedText(RecipeLoader.DefaultName).Replace("\"debian-bookworm\"", $"\"{name}\""));

        var run = await BoottestCli.RunInAsync(null, Environment(Scratch, "image"), TimeSpan.FromMinutes(3), "build", "--recipe", recipe);

        var details = ShouldBeOneLineNamingTheDetails(run.ExitCode, run.StandardError, "image");
        Directory.GetDirectories(CacheDirectory.Default().ImagesFolder, $"*{name}*").Should().BeEmpty("nothing half-written may look like an image");
        File.Delete(details);
    }

    [Test]
    public async Task A_bug_while_reading_a_source_exits_5_naming_the_stage_and_leaves_nothing_in_the_cache()
    {
        var tar = new SmallTar().Dir("etc").File("etc/unique", Guid.NewGuid().ToString()).WriteTo(Scratch.Input("unique.tar"));
        var recipe = ImportRecipes.Write(Path.GetDirectoryName(tar)!, "bug-source", ImportRecipes.Tar(tar));

        // The shared cache may hold what other, killed processes left (cache prune's business), so only new entries count.
        var before = Directory.GetFileSystemEntries(CacheDirectory.Default().SourcesFolder).ToHashSet();

        var run = await BoottestCli.RunInAsync(null, Environment(Scratch, "source"), TimeSpan.FromMinutes(3), "build", "--recipe", recipe.Source);

        var details = ShouldBeOneLineNamingTheDetails(run.ExitCode, run.StandardError, "source");
        Directory.GetFileSystemEntries(CacheDirectory.Default().SourcesFolder).Except(before).Should().NotContain(e => Path.GetFileName(e).StartsWith(".tmp-", StringComparison.Ordinal));
        File.Delete(details);
    }

    [Test]
    public async Task A_bug_in_the_boot_stage_with_QEMU_running_exits_5_and_stops_QEMU()
    {
        var image = await FaultInputs.DefaultImageAsync();

        var run = await Scratch.RunAsync(new FaultTrigger.AtStart(), FaultInputs.Verify(image), Environment(Scratch, "boot"));

        var details = ShouldBeOneLineNamingTheDetails(run.ExitCode, run.StandardError, "firmware");
        // QEMU removes its pid file when it exits, so the proof that it ran is its greeting on QMP.
        File.ReadAllText(Path.Combine(run.RunDirectory!, "qmp.log")).Should().Contain("\"QMP\"", "QEMU had started when the bug struck");
        await Scratch.ShouldLeaveNothingBehindAsync(run);
        File.Delete(details);
    }

    private static Dictionary<string, string?> Environment(FaultScratch scratch, string failpoint) => new()
    {
        ["BOOTTESTS_FAILPOINT"] = failpoint,
        ["TMPDIR"] = scratch.TempDirectory,
        ["BOOTTESTS_NO_INSTALL"] = "1",
    };

    private static string ShouldBeOneLineNamingTheDetails(int exitCode, string stderr, string stage)
    {
        exitCode.Should().Be(5, stderr);
        var lines = stderr.Split('\n').Where(l => l.StartsWith("boottest:", StringComparison.Ordinal)).ToList();
        lines.Should().ContainSingle(stderr);
        lines[0].Should().Contain($"harness error in stage '{stage}'").And.Contain("InvalidOperationException").And.Contain("failpoint");
        stderr.Should().NotContain("   at ", "the stack trace goes to the details file, not the terminal");
        var details = Regex.Match(lines[0], @"details in (\S+\.txt)").Groups[1].Value;
        File.ReadAllText(details).Should().Contain($"stage:   {stage}").And.Contain("   at BootTests.");
        TestContext.Out.WriteLine(lines[0]);
        return details;
    }
}
