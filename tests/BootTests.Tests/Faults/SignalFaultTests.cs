using System.Text.Json;
using System.Text.RegularExpressions;
using BootTests.Images;
using BootTests.Tests.Images;

namespace BootTests.Tests.Faults;

/// <summary>
/// Every command stopped by SIGINT or SIGTERM exits 130 or 143 once everything it started is stopped: no QEMU, no
/// child, no temp folder, and no half-written cache entry a later run could take as valid.
/// </summary>
public sealed class SignalFaultTests : FaultCase
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private static readonly Regex Booting = new(@"\] boot: .* under (tcg|kvm)");

    [TestCase("run", SigTerm)]
    [TestCase("run", SigInt)]
    [TestCase("boot", SigTerm)]
    [TestCase("boot", SigInt)]
    [TestCase("measure", SigTerm)]
    [TestCase("soak", SigTerm)]
    [TestCase("soak", SigInt)]
    public async Task A_command_stopped_mid_boot_exits_128_plus_the_signal_and_leaves_nothing_running(string command, int signal)
    {
        await FaultInputs.DefaultImageAsync();
        string[] args = command switch
        {
            "measure" => ["measure", "--layout", "fast", "--runs", "1"],
            "soak" => ["soak", "--runs", "2", "--artifacts", Scratch.Runs],
            "run" => ["run", "--artifacts", Scratch.Runs],
            _ => [command],
        };

        var run = await SignalledRun.RunAsync(Scratch, args, Booting, TimeSpan.FromSeconds(3), signal);

        await ShouldHaveStoppedCleanlyAsync(run, signal);
    }

    [TestCase(SigTerm)]
    [TestCase(SigInt)]
    public async Task A_build_stopped_while_packing_leaves_no_cache_entry_and_the_next_build_works(int signal)
    {
        var recipe = UniqueRecipe(out var name);
        var images = CacheDirectory.Default().ImagesFolder;

        var run = await SignalledRun.RunAsync(Scratch, ["build", "--layout", "seed", "--recipe", recipe], new Regex(@"image: (reading|packing|writing)"), TimeSpan.FromSeconds(2), signal);

        await ShouldHaveStoppedCleanlyAsync(run, signal);
        Directory.GetDirectories(images, $"*{name}*").Should().BeEmpty("neither a published image nor a half-written temporary folder of this recipe may remain");
        var again = await BoottestCli.RunInAsync(null, new Dictionary<string, string?> { ["BOOTTESTS_NO_INSTALL"] = "1" }, TimeSpan.FromMinutes(6), "build", "--layout", "fast", "--recipe", recipe);
        again.ExitCode.Should().Be(0, again.StandardError);
        again.StandardOutput.Should().Contain("built in");
        foreach (var folder in Directory.GetDirectories(images, $"{name}-*")) Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task A_build_stopped_while_libguestfs_reads_a_disk_stops_guestfish_and_its_appliance_and_leaves_no_source_entry()
    {
        var tree = Directory.CreateDirectory(Scratch.Input("tree")).FullName;
        Directory.CreateDirectory(Path.Combine(tree, "etc"));
        File.WriteAllText(Path.Combine(tree, "etc", "unique"), Guid.NewGuid().ToString());
        var disk = Scratch.Input("unique.qcow2");
        await ImportInputs.Ext4DiskOfAsync(tree, disk, Directory.CreateDirectory(Scratch.Input("work")).FullName, "0a1b2c3d-0000-4000-8000-000000000002");
        var recipe = ImportRecipes.Write(Scratch.Inputs, "signal-disk", ImportRecipes.Disk(disk));
        var sources = CacheDirectory.Default().SourcesFolder;
        // The shared cache may hold what other, killed processes left (cache prune's business), so only new entries count.
        var before = Directory.GetFileSystemEntries(sources).ToHashSet();

        var run = await SignalledRun.RunAsync(Scratch, ["build", "--recipe", recipe.Source], new Regex(@"source: reading disk image"), TimeSpan.FromSeconds(6), SigInt);

        await ShouldHaveStoppedCleanlyAsync(run, SigInt);
        FaultScratch.ProcessesNaming(Path.Combine(sources, ".tmp-disk-")).Should().BeEmpty("guestfish and the appliance's QEMU are stopped with the build");
        Directory.GetFileSystemEntries(sources).Except(before).Should().NotContain(e => Path.GetFileName(e).StartsWith(".tmp-disk-", StringComparison.Ordinal));
    }

    [TestCase(SigTerm)]
    public async Task A_benchmark_stopped_while_it_builds_leaves_no_cache_entry(int signal)
    {
        var recipe = UniqueRecipe(out var name);

        var run = await SignalledRun.RunAsync(Scratch, ["benchmark", "--recipe", recipe, "--runs", "1"], new Regex(@"image: (reading|packing|writing)"), TimeSpan.FromSeconds(2), signal);

        await ShouldHaveStoppedCleanlyAsync(run, signal);
        Directory.GetDirectories(CacheDirectory.Default().ImagesFolder, $"*{name}*").Should().BeEmpty();
    }

    [Test]
    public async Task Two_builds_of_the_same_image_at_once_agree_and_one_of_them_waits_for_the_other()
    {
        var recipe = UniqueRecipe(out var name);
        var env = new Dictionary<string, string?> { ["BOOTTESTS_NO_INSTALL"] = "1" };

        var first = BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(6), "build", "--layout", "fast", "--recipe", recipe);
        var second = BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(6), "build", "--layout", "fast", "--recipe", recipe);
        var results = await Task.WhenAll(first, second);

        results.Should().AllSatisfy(r => r.ExitCode.Should().Be(0, r.StandardError));
        results.Select(r => Regex.Match(r.StandardOutput, "sha256 ([0-9a-f]+)").Groups[1].Value).Distinct().Should().ContainSingle("both name the one image in the cache");
        results.Count(r => r.StandardOutput.Contains("built in")).Should().Be(1, "one builds, the other waits and takes the result");
        string.Concat(results.Select(r => r.StandardError)).Should().Contain("built by another boottest meanwhile");
        var folders = Directory.GetDirectories(CacheDirectory.Default().ImagesFolder, $"*{name}*");
        folders.Should().ContainSingle("no temporary folder is left beside the entry");
        BuiltImage.TryLoad(folders[0], fromCache: true).Should().NotBeNull("the entry is complete");
        Directory.Delete(folders[0], recursive: true);
    }

    /// <summary>The default recipe with one unique overlay file: its own image key, the shared (cached) rootfs.</summary>
    private string UniqueRecipe(out string name)
    {
        name = $"signal-{Guid.NewGuid():N}"[..15];
        var recipe = JsonSerializer.Deserialize<Dictionary<string, object>>(RecipeLoader.ReadEmbeddedText(RecipeLoader.DefaultName))!;
        recipe["name"] = name;
        recipe["overlay"] = new[] { new { path = "etc/boottests-signal", content = name } };
        var path = Scratch.Input($"{name}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(recipe));
        return path;
    }

    private async Task ShouldHaveStoppedCleanlyAsync(SignalledRun run, int signal)
    {
        run.ExitCode.Should().Be(128 + signal, run.StandardError);
        run.StandardError.Should().Contain($"stopped by {(signal == SigTerm ? "SIGTERM" : "SIGINT")}");
        run.StandardError.Should().NotContain("   at ", "no stack trace on the terminal");
        TestContext.Out.WriteLine($"signal {signal} to exit {run.ExitCode}: {run.SignalToExitSeconds:F1} s; it had started {run.Descendants.Count} processes");
        run.SignalToExitSeconds.Should().BeLessThan(DeadlineSeconds);
        foreach (var pid in run.Descendants)
            (await ProcessProbe.DiesWithinAsync(pid, TimeSpan.FromSeconds(2))).Should().BeTrue($"process {pid}, started by the harness, must be gone once it exited");
        Directory.EnumerateFileSystemEntries(Scratch.TempDirectory).Should().BeEmpty("the harness removes its temporary folders");
    }
}
