using BootTests.BootMedia;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Qemu;

namespace BootTests.Session;

/// <summary>Configures a boot session (Testcontainers style): each With… returns a new builder; Build gives an unstarted session.</summary>
public sealed record BootSessionBuilder
{
    private Recipe? Recipe { get; init; }
    private ImageBuildOptions ImageOptions { get; init; } = new();
    private BootTarget? Target { get; init; }
    private BootSessionOptions Options { get; init; } = new();
    private CacheDirectory Cache { get; init; } = CacheDirectory.Default();
    private int? MemoryMiB { get; init; }

    public BootSessionBuilder WithRecipe(Recipe recipe) => this with { Recipe = recipe, Target = null };
    public BootSessionBuilder WithLayout(ImageLayout layout) => this with { ImageOptions = ImageOptions with { Layout = layout } };
    public BootSessionBuilder WithImageOptions(ImageBuildOptions imageOptions) => this with { ImageOptions = imageOptions };
    public BootSessionBuilder WithNewKeys(bool newKeys = true) => this with { ImageOptions = ImageOptions with { NewKeys = newKeys } };
    public BootSessionBuilder WithImage(BuiltImage image) => this with { Target = BootTarget.FromImage(image), Recipe = null };
    public BootSessionBuilder WithTarget(BootTarget target) => this with { Target = target, Recipe = null };
    public BootSessionBuilder WithAccelerator(AcceleratorChoice choice) => this with { Options = Options with { Accelerator = choice } };
    public BootSessionBuilder WithBootVia(BootVia via) => this with { Options = Options with { BootVia = via } };
    public BootSessionBuilder WithAppend(string append) => this with { Options = Options with { Append = append } };
    public BootSessionBuilder WithBudgets(BootBudgets budgets) => this with { Options = Options with { Budgets = budgets } };
    public BootSessionBuilder WithRunsFolder(string folder) => this with { Options = Options with { RunsFolder = folder } };
    public BootSessionBuilder WithProgress(IProgress<string> progress) => this with { Options = Options with { Progress = progress } };
    public BootSessionBuilder WithConsoleEcho(Action<string> echo) => this with { Options = Options with { ConsoleEcho = echo } };
    public BootSessionBuilder WithCache(CacheDirectory cache) => this with { Cache = cache };

    /// <summary>Guest memory in MiB instead of the recipe's (or the target's); the image is the same, so it is not rebuilt.</summary>
    public BootSessionBuilder WithMemory(int mebibytes) => this with { MemoryMiB = mebibytes };

    /// <summary>Builds the image if a recipe was given (libguestfs following the accelerator decision for a disk source), then the GRUB CD when booting via grub (both cached by content); returns the unstarted session.</summary>
    public async Task<BootSession> BuildAsync(CancellationToken ct = default)
    {
        if (KernelCommandLine.Problem(Options.Append) is { } problem)
            throw BootTestsException.Usage(Stage.Append, $"The extra kernel arguments (--append) '{PrintableText.Of(Options.Append)}' {problem}");
        var target = Target;
        if (target is null)
        {
            var recipe = Recipe ?? RecipeLoader.Load(null);
            var imageOptions = ImageOptions.Guestfs is null
                ? ImageOptions with { Guestfs = await GuestfsAccelerator.ForAsync(recipe, Options.Accelerator, Cache, ct) }
                : ImageOptions;
            var image = await new ImageBuilder(Cache, Options.Progress).BuildAsync(recipe, imageOptions, ct);
            target = BootTarget.FromImage(image);
        }
        if (MemoryMiB is { } memory)
        {
            if (memory < Images.Recipe.MinimumMemoryMiB)
                throw BootTestsException.Usage(Stage.Memory, $"Guest memory {memory} MiB is below the {Images.Recipe.MinimumMemoryMiB} MiB a systemd guest needs; give e.g. 2G.");
            target = target with { MemoryMiB = memory };
        }
        var medium = Options.BootVia.IsGrub()
            ? new BootMedium(Options.BootVia, await new GrubIso(Cache, Options.Progress).BuildAsync(target.KernelPath, target.InitrdPath, Options.Append, ct))
            : new BootMedium(Options.BootVia);
        return new BootSession(target, medium, Options with { AcceleratorCacheFile = Options.AcceleratorCacheFile ?? Cache.AcceleratorFile });
    }
}
