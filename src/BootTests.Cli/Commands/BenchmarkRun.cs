using BootTests.Images;
using BootTests.Qemu;
using BootTests.Reports.Measurements;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>The work of `benchmark` for one recipe: time both image builds (rootfs cached), N boots per layout, then the memory bisections.</summary>
public static class BenchmarkRun
{
    /// <summary>The lowest guest memory the bisection tries.</summary>
    public const int LowMemoryMiB = Recipe.MinimumMemoryMiB;

    /// <summary>Shorter budgets for bisection boots, so a guest that hangs short of memory ends soon.</summary>
    public static BootBudgets BisectionBudgets { get; } = new()
    {
        Extract = TimeSpan.FromSeconds(240),
        SshReady = TimeSpan.FromSeconds(120),
    };

    private static readonly ImageLayout[] Layouts = [ImageLayout.Seed, ImageLayout.Fast];

    /// <summary>The recipe's figures; null when a boot at the recipe's own memory failed (the message is on stderr).</summary>
    public static async Task<RecipeBenchmark?> RunAsync(Recipe recipe, BenchmarkPlan plan, IProgress<string> progress, CancellationToken ct)
    {
        var images = new Dictionary<ImageLayout, BuiltImage>();
        foreach (var layout in Layouts)
            images[layout] = await TimedBuildAsync(recipe, layout, progress, ct);

        var cpuModel = HostCpu.ReadModelName();
        var boots = Layouts.ToDictionary(layout => layout, _ => new List<BootRecord>());
        // Alternating the layouts spreads whatever else the host is doing over both of them alike.
        for (var run = 1; run <= plan.Runs; run++)
        {
            foreach (var layout in Layouts)
            {
                var label = $"{recipe.Name}/{layout.Name()}: boot {run}/{plan.Runs}";
                var record = await MeasureBoots.BootOnceAsync(images[layout], plan.Accelerator, cpuModel, label, progress, ct, measureTmpfs: true);
                if (record is null) return null;
                boots[layout].Add(record);
            }
        }

        var race = await SshRaceBoot.RunAsync(images[ImageLayout.Fast], plan.Accelerator, $"{recipe.Name}/fast: OpenSSH race", progress, ct);
        var ipxe = recipe.Name == IpxeRecipe ? await IpxeBootsAsync(recipe, images[ImageLayout.Fast], plan, cpuModel, progress, ct) : null;
        if (recipe.Name == IpxeRecipe && ipxe is null) return null;

        var recipeMemory = BootTarget.FromImage(images[ImageLayout.Seed]).MemoryMiB;
        var memory = new Dictionary<ImageLayout, MemoryBisectionResult>();
        foreach (var layout in Layouts)
        {
            var image = images[layout];
            // The timed boots already passed at the recipe's memory: no need to boot that again.
            memory[layout] = await MemoryBisection.FindSmallestAsync(
                mib => mib == recipeMemory ? Task.FromResult(true) : BootsWithAsync(image, mib, plan.Accelerator, progress, ct),
                Math.Min(LowMemoryMiB, recipeMemory), recipeMemory, plan.MemoryStepMiB);
            progress.Report($"{recipe.Name}/{layout.Name()}: smallest memory {memory[layout].SmallestPassingMiB} MiB " +
                $"({memory[layout].Attempts.Count} attempts)");
        }

        LayoutBenchmark Figures(ImageLayout layout) => new(layout.Name(), images[layout].Manifest.BuildSeconds,
            images[layout].Manifest.Initramfs.Bytes, boots[layout], memory[layout], images[layout].Manifest.RootfsBytes);
        return new RecipeBenchmark(recipe.Name, recipeMemory, Figures(ImageLayout.Seed), Figures(ImageLayout.Fast))
        {
            BootTarget = recipe.Name == FullRecipe ? 3 : 2,
            Race = race,
            Ipxe = ipxe,
        };
    }

    /// <summary>The benchmark-size recipe (every module), held to 3x; the others to 2x.</summary>
    public const string FullRecipe = "debian-bookworm-full";

    /// <summary>The recipe whose iPXE path is timed (the speed issue's target is stated on the default recipe).</summary>
    public const string IpxeRecipe = "debian-bookworm";

    /// <summary>The fast layout booted through iPXE, as often as the timed boots, beside an earlier history's medians of the same.</summary>
    private static async Task<IpxeBenchmark?> IpxeBootsAsync(Recipe recipe, BuiltImage image, BenchmarkPlan plan, string cpuModel, IProgress<string> progress, CancellationToken ct)
    {
        var boots = new List<BootRecord>();
        for (var run = 1; run <= plan.Runs; run++)
        {
            var record = await MeasureBoots.BootOnceAsync(image, plan.Accelerator, cpuModel, $"{recipe.Name}/fast via ipxe: boot {run}/{plan.Runs}", progress, ct, BootTests.BootMedia.BootVia.Ipxe);
            if (record is null) return null;
            boots.Add(record);
        }
        if (plan.IpxeBaselinePath is not { } path) return new IpxeBenchmark(boots, null, 0);
        var (like, refusal) = BaselineComparison.LikeWithLike(boots[0], History.Read(path));
        var median = LayoutSummary.Of(like).FirstOrDefault()?.Find(Stages.TotalToSshReady)?.Median;
        return new IpxeBenchmark(boots, median, like.Count, refusal);
    }

    /// <summary>Builds the image step afresh on the cached rootfs (a cached image's folder is deleted first), so its BuildSeconds is a real build.</summary>
    private static async Task<BuiltImage> TimedBuildAsync(Recipe recipe, ImageLayout layout, IProgress<string> progress, CancellationToken ct)
    {
        var builder = new ImageBuilder(CacheDirectory.Default(), progress);
        var options = new ImageBuildOptions { Layout = layout };
        var image = await builder.BuildAsync(recipe, options, ct);
        if (!image.FromCache) return image;
        progress.Report($"{recipe.Name}/{layout.Name()}: deleting the cached image to time its build");
        Directory.Delete(image.Folder, recursive: true);
        return await builder.BuildAsync(recipe, options, ct);
    }

    /// <summary>One bisection boot with the given memory: true when it reaches ssh-ready; the VM is stopped either way.</summary>
    private static async Task<bool> BootsWithAsync(BuiltImage image, int mib, AcceleratorChoice accelerator, IProgress<string> progress, CancellationToken ct)
    {
        var label = $"{image.Manifest.Recipe}/{image.Manifest.Layout} with {mib} MiB";
        await using var session = await new BootSessionBuilder()
            .WithTarget(BootTarget.FromImage(image) with { MemoryMiB = mib })
            .WithAccelerator(accelerator).WithBudgets(BisectionBudgets).WithProgress(progress)
            .BuildAsync(ct);
        var outcome = await session.RunAsync(checks: [], ct);
        progress.Report(outcome.BootFailure is { } e ? $"{label}: does not boot ({e.Failure.Stage}: {e.Failure.Reason})" : $"{label}: boots");
        return outcome.Booted;
    }
}
