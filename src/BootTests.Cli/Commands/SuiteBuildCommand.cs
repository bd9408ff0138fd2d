using System.CommandLine;
using BootTests.Images;
using BootTests.Session;
using BootTests.Suites;

namespace BootTests.Cli.Commands;

/// <summary>`boottest suite build SUITE`: build every image the selected targets boot into the cache (a CI build job), nothing booted.</summary>
public static class SuiteBuildCommand
{
    public static Command Create()
    {
        var suiteOptions = new SuiteOptions();
        var command = new Command("build", "Build (or find cached) every image the suite's selected targets boot, so shards sharing the cache start at once");
        suiteOptions.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var (suite, _, selection, _) = suiteOptions.Parse(parse);
            var targets = selection.Apply(suite);
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuild(targets.Select(t => ImageLayouts.Parse(t.Layout)).Distinct()), ct);
            var images = await SuiteImages.BuildAsync(suite, targets, CacheDirectory.Default(), CliRunner.Progress(), ct);
            foreach (var image in images) Console.WriteLine($"{image.Manifest.Recipe}/{image.Manifest.Layout}: {image.Folder}");
            Console.WriteLine($"suite {suite.Name}: {images.Count} image{(images.Count == 1 ? "" : "s")} ready for {targets.Count} targets");
            return 0;
        }, ct));
        return command;
    }
}
