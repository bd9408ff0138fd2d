using BootTests.BootMedia;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Serial;

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

    /// <summary>How a direct boot enters the kernel (auto: PVH under TCG when the kernel has the entry, the bzImage otherwise).</summary>
    public BootSessionBuilder WithKernelEntry(KernelEntry entry) => this with { Options = Options with { KernelEntry = entry } };

    /// <summary>Guest CPUs (QEMU -smp); 2 unless asked.</summary>
    public BootSessionBuilder WithCpus(int cpus) => this with { Options = Options with { Cpus = cpus } };

    /// <summary>Guest memory in MiB instead of the recipe's (or the target's); the image is the same, so it is not rebuilt.</summary>
    public BootSessionBuilder WithMemory(int mib) => this with { MemoryMiB = mib };

    /// <summary>The QEMU binary to run (a path, or a name looked up on PATH).</summary>
    public BootSessionBuilder WithQemuBinary(string binary) => this with { Options = Options with { QemuBinary = binary } };

    /// <summary>Arguments added to the end of QEMU's command line; ones the harness sets itself, and any that break its policy (loopback-only forwards, restricted network, sandbox), are refused.</summary>
    public BootSessionBuilder WithQemuArguments(params IEnumerable<string> arguments) =>
        this with { Options = Options with { QemuArguments = [.. Options.QemuArguments, .. arguments] } };

    /// <summary>Forwards a free port on 127.0.0.1 to the guest's TCP port from the start (BootSession.ForwardedPort tells which).</summary>
    public BootSessionBuilder WithPortForward(int guestPort) =>
        this with { Options = Options with { PortForwards = [.. Options.PortForwards, guestPort] } };

    /// <summary>The console rules to read the boot with, e.g. <c>ConsoleCatalogue.Default with { FailureRules = [.. Default.FailureRules, myRule] }</c>.</summary>
    public BootSessionBuilder WithConsoleRules(ConsoleCatalogue rules) => this with { Options = Options with { ConsoleRules = rules } };

    /// <summary>Waits for a slot before booting (<see cref="Session.BootSlots.Shared"/> caps the VMs booting at once by the cores).</summary>
    public BootSessionBuilder WithBootSlots(BootSlots slots) => this with { Options = Options with { BootSlots = slots } };

    /// <summary>Receives the console's raw bytes as they arrive (an interactive terminal).</summary>
    public BootSessionBuilder WithConsoleBytes(Action<ReadOnlyMemory<byte>> tap) => this with { Options = Options with { ConsoleBytes = tap } };

    /// <summary>Builds the image if a recipe was given (libguestfs following the accelerator decision for a disk source), then the GRUB CD when booting via grub (both cached by content); returns the unstarted session.</summary>
    public async Task<BootSession> BuildAsync(CancellationToken ct = default)
    {
        if (KernelCommandLine.Problem(Options.Append) is { } problem)
            throw BootTestsException.Usage(Stage.Append, $"The extra kernel arguments (--append) '{PrintableText.Of(Options.Append)}' {problem}");
        BootSessionChecks.Validate(Options, MemoryMiB);
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
        if (MemoryMiB is { } mib) target = target with { MemoryMiB = mib };
        var medium = Options.BootVia.IsGrub()
            ? new BootMedium(Options.BootVia, await new GrubIso(Cache, Options.Progress).BuildAsync(target.KernelPath, target.InitrdPath, Options.Append, ct))
            : new BootMedium(Options.BootVia);
        return new BootSession(target, medium, Options with { AcceleratorCacheFile = Options.AcceleratorCacheFile ?? Cache.AcceleratorFile, Cache = Options.Cache ?? Cache });
    }
}
