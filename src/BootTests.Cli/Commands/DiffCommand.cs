using System.CommandLine;
using BootTests.Images.Diff;

namespace BootTests.Cli.Commands;

/// <summary>`boottest diff IMAGE_A IMAGE_B`: what changed between two builds (manifest, packages, files); exit 0 identical, 1 different.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var imageA = new Argument<string>("IMAGE_A") { Description = "An image folder (the one `boottest build` prints, or its --out folder)" };
        var imageB = new Argument<string>("IMAGE_B") { Description = "The image folder to compare it with" };
        var all = new Option<bool>("--all") { Description = "List every changed file (default: the first 200)" };
        var command = new Command("diff", "List what changed between two built images: files added, removed, changed (size, mode, owner), packages (dpkg or apk)") { imageA, imageB, all };
        command.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var diff = ImageDiff.Compare(parse.GetValue(imageA)!, parse.GetValue(imageB)!);
            foreach (var line in diff.Lines(parse.GetValue(all) ? int.MaxValue : 200)) Console.WriteLine(line);
            return Task.FromResult(diff.Identical ? 0 : 1);
        }, ct));
        return command;
    }
}
