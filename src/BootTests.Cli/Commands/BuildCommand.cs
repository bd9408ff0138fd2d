using System.CommandLine;
using BootTests.Images;
using BootTests.Images.Fixups;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>`boottest build`: recipe → vmlinuz, initramfs.img, id_ed25519, manifest.json (and tree.tsv, packages.tsv for `boottest diff`).</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var recipe = CommonOptions.Recipe();
        var layout = CommonOptions.Layout();
        var noCache = CommonOptions.NoCache();
        var newKeys = CommonOptions.NewKeys();
        var accel = CommonOptions.Accel();
        accel.Description = "Accelerator libguestfs boots its appliance with, for disk sources: auto (KVM only where it runs Linux), kvm or tcg (default: $BOOTTESTS_ACCEL, else auto)";
        var output = new Option<string?>("--out") { Description = "Folder to write the image to (default: print the cache folder)" }.NotEmpty("a folder to write the image to");
        var command = new Command("build", "Build the kernel + initramfs of a recipe (cached by content)") { recipe, layout, output, noCache, newKeys, accel };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
            var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
            var outFolder = parse.GetValue(output);
            if (outFolder is not null) ImageExport.CheckDestination(outFolder);
            var loaded = RecipeLoader.Load(parse.GetValue(recipe));
            await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuild(loaded, [parsedLayout]), ct);
            var progress = CliRunner.Progress();
            var cache = CacheDirectory.Default();
            var options = new ImageBuildOptions
            {
                Layout = parsedLayout,
                NoCache = parse.GetValue(noCache),
                NewKeys = parse.GetValue(newKeys),
                Guestfs = await GuestfsAccelerator.ForAsync(loaded, choice, cache, ct),
            };
            var image = await new ImageBuilder(cache, progress).BuildAsync(loaded, options, ct);
            var folder = outFolder is null ? image.Folder : ImageExport.CopyTo(image, outFolder);
            Print(image, folder);
            return 0;
        }, ct));
        return command;
    }

    private static void Print(BuiltImage image, string folder)
    {
        var m = image.Manifest;
        Console.WriteLine(image.FromCache ? "cached: nothing changed since the last build" : $"built in {m.BuildSeconds:F1} s");
        Console.WriteLine($"image:      {folder}");
        Console.WriteLine($"recipe:     {m.Recipe} ({m.RecipeSource})");
        if (m.Source is { } source) Console.WriteLine($"source:     {source.Kind} {source.Reference} ({source.Digest})");
        Console.WriteLine($"layout:     {m.Layout}");
        Console.WriteLine($"kernel:     {m.KernelVersion}, {m.Kernel.Bytes / 1048576.0:F1} MiB{(m.KernelFrom.Length > 0 ? $" ({m.KernelFrom})" : "")}");
        Console.WriteLine($"initramfs:  {m.Initramfs.Bytes / 1048576.0:F1} MiB, sha256 {m.Initramfs.Sha256}");
        Console.WriteLine($"rootfs:     {m.RootfsBytes / 1048576.0:F1} MiB in a tmpfs of {m.TmpfsSize}");
        Console.WriteLine($"host key:   {m.HostKeyFingerprint}");
        Console.WriteLine($"timestamp:  {m.SourceDateEpoch}{(m.SourceDateEpochFrom.Length > 0 ? $" ({m.SourceDateEpochFrom})" : "")}");
        foreach (var fixup in m.Fixups)
            Console.WriteLine($"fix-up:     {fixup.Name,-18} {fixup.Result,-14} {fixup.Detail}");
        foreach (var warning in m.Warnings)
            Console.WriteLine($"warning:    {warning.Describe()}");
    }
}
