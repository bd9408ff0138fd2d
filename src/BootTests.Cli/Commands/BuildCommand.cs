using System.CommandLine;
using BootTests.Images;

using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest build`: recipe → vmlinuz, initramfs.img, id_ed25519, manifest.json.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layout = CommonOptions.Layout();
        var noCache = CommonOptions.NoCache();
        var output = new Option<string?>("--out") { Description = "Folder to write the image to (default: print the cache folder)" }.NotEmpty("a folder to write the image to");
        var command = new Command("build", "Build the kernel + initramfs of a recipe (cached by content)") { recipe, layout, output, noCache };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
            var outFolder = parse.GetValue(output);
            if (outFolder is not null) ImageExport.CheckDestination(outFolder);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuild(parsedLayout), ct);
            var progress = CliRunner.Progress();
            var image = await new ImageBuilder(CacheDirectory.Default(), progress)
                .BuildAsync(loaded, new ImageBuildOptions { Layout = parsedLayout, NoCache = parse.GetValue(noCache) }, ct);
            var folder = outFolder is null ? image.Folder : ImageExport.CopyTo(image, outFolder);
            var m = image.Manifest;
            Console.WriteLine(image.FromCache ? "cached: nothing changed since the last build" : $"built in {m.BuildSeconds:F1} s");
            Console.WriteLine($"image:      {folder}");
            Console.WriteLine($"recipe:     {m.Recipe} ({m.RecipeSource})");
            Console.WriteLine($"layout:     {m.Layout}");
            Console.WriteLine($"kernel:     {m.KernelVersion}, {m.Kernel.Bytes / 1048576.0:F1} MiB");
            Console.WriteLine($"initramfs:  {m.Initramfs.Bytes / 1048576.0:F1} MiB, sha256 {m.Initramfs.Sha256}");
            Console.WriteLine($"rootfs:     {m.RootfsBytes / 1048576.0:F1} MiB in a tmpfs of {m.TmpfsSize}");
            Console.WriteLine($"host key:   {m.HostKeyFingerprint}");
            return 0;
        }, ct));
        return command;
    }
}
