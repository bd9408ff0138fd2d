using System.CommandLine;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>--recipe, --layout, --accel, --append, --boot-via, --kernel-entry and --new-keys, shared by the commands that build an image and boot it once.</summary>
public sealed class ImageBootOptions
{
    private readonly Option<string?> recipe = CommonOptions.Recipe();
    private readonly Option<string> layout = CommonOptions.Layout();
    private readonly Option<string?> accel = CommonOptions.Accel();
    private readonly Option<string?> append = CommonOptions.Append();
    private readonly Option<string> bootVia = CommonOptions.BootVia();
    private readonly Option<string> kernelEntry = CommonOptions.KernelEntry();
    private readonly Option<bool> newKeys = CommonOptions.NewKeys();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { recipe, layout, accel, append, bootVia, kernelEntry, newKeys }) command.Options.Add(option);
    }

    /// <summary>The session these options ask for, once what it needs on the host is installed (or reported missing).</summary>
    public async Task<BootSessionBuilder> SessionAsync(ParseResult parse, IProgress<string> progress, CancellationToken ct)
    {
        var parsedLayout = ImageLayouts.Parse(parse.GetValue(layout)!);
        var choice = CommonOptions.ParseAccel(parse.GetValue(accel));
        var via = CommonOptions.ParseBootVia(parse.GetValue(bootVia)!);
        var entry = CommonOptions.ParseKernelEntry(parse.GetValue(kernelEntry)!);
        var loaded = RecipeLoader.Load(parse.GetValue(recipe));
        await CliRunner.EnsureInstalledAsync(HostNeeds.ToBuildAndBoot(loaded, [parsedLayout], via), ct);
        return new BootSessionBuilder().WithRecipe(loaded).WithLayout(parsedLayout).WithAccelerator(choice).WithBootVia(via).WithKernelEntry(entry)
            .WithNewKeys(parse.GetValue(newKeys)).WithAppend(parse.GetValue(append) ?? "").WithProgress(progress);
    }
}
