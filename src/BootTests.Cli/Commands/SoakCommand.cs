using System.CommandLine;
using BootTests.Images;
using BootTests.Qemu;

using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest soak`: the same image booted and checked N times in a row; every boot counts, a failure does not stop the soak. Exit 0 when all pass, 2 when a boot failed, 1 when only checks failed.</summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layout = CommonOptions.Layout();
        var accel = CommonOptions.Accel();
        var runs = new Option<int>("--runs") { Description = "Consecutive boots (each: boot, SSH, the RAM-root checks, shut down)", DefaultValueFactory = _ => 20 };
        var artifacts = new Option<string?>("--artifacts") { Description = "Folder for the run files of every boot (default: the cache's runs folder)" };
        var command = new Command("soak", "Boot and check the same image N times in a row; print each boot and a summary (failures, min/median/max boot-to-ssh)")
        {
            recipe, layout, accel, runs, artifacts,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var count = parse.GetValue(runs);
            if (count < 1) throw BootTestsException.Usage(Stage.Soak, $"--runs {count}: give at least 1 boot.");
            var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            var runsFolder = parse.GetValue(artifacts) is { } folder ? Path.GetFullPath(folder) : null;
            if (runsFolder is not null && File.Exists(runsFolder))
                throw BootTestsException.Usage(Stage.Soak, $"--artifacts '{runsFolder}' is a file; name a folder.");
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuildAndBoot(loaded, [parsedLayout], BootTests.BootMedia.BootVia.Direct), ct);

            var progress = CliRunner.Progress();
            var image = await new ImageBuilder(CacheDirectory.Default(), progress).BuildAsync(loaded, new ImageBuildOptions { Layout = parsedLayout }, ct);
            var results = new List<SoakBoot>();
            for (var run = 1; run <= count; run++)
            {
                var boot = await SoakBoots.BootOnceAsync(image, choice, runsFolder, run, progress, ct);
                results.Add(boot);
                Console.WriteLine(boot.Describe(count));
            }
            var summary = SoakSummary.Of(results);
            Console.WriteLine(summary.Describe());
            return summary.ExitCode;
        }, ct));
        return command;
    }
}
