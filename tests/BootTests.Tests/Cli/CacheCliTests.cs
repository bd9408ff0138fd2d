using BootTests.Images;
using BootTests.Session;
using BootTests.Tests.Images;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Cli;

/// <summary>Run folders do not pile up, entries a live process holds are never pruned, and `boottest cache` shows and prunes the cache.</summary>
[TestFixture]
[Category(Categories.Image)]
public sealed class CacheCliTests
{
    [Test]
    public async Task Pruning_keeps_the_newest_runs_and_any_run_a_live_session_holds()
    {
        using var dir = new ScratchDirectory("boottests-runs-");
        var runs = Enumerable.Range(0, 25).Select(i => Directory.CreateDirectory(dir.Combine($"20261201-0000{i:00}-x-abcdef")).FullName).ToList();
        using var live = await CacheLock.AcquireAsync(runs[0], null, CancellationToken.None);

        var deleted = RunFolders.Prune(dir.Path, keep: 3);

        deleted.Should().HaveCount(21);
        RunFolders.All(dir.Path).Select(Path.GetFileName).Should().Equal("20261201-000024-x-abcdef", "20261201-000023-x-abcdef", "20261201-000022-x-abcdef", "20261201-000000-x-abcdef");
    }

    [Test]
    public async Task A_cache_lock_is_a_real_flock_that_other_tools_see_and_the_holder_releases()
    {
        using var dir = new ScratchDirectory("boottests-lock-");
        var entry = dir.Combine("image");
        async Task<int> FlockNow() => (await CliWrap.Cli.Wrap("flock").WithArguments(["-n", entry + ".lock", "true"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync()).ExitCode;

        using (await CacheLock.AcquireAsync(entry, null, CancellationToken.None))
        {
            (await FlockNow()).Should().Be(1, "flock(1) cannot take the lock while it is held");
            CacheLock.IsHeld(entry).Should().BeTrue();
        }
        (await FlockNow()).Should().Be(0);
        CacheLock.IsHeld(entry).Should().BeFalse();
    }

    [Test]
    public async Task Pruning_images_takes_each_entry_s_lock_file_with_it_and_the_orphaned_ones_but_not_a_held_one()
    {
        using var dir = new ScratchDirectory("boottests-cache-");
        var cache = new CacheDirectory(dir.Combine("cache"));
        string Entry(string name) => Directory.CreateDirectory(Path.Combine(cache.ImagesFolder, name)).FullName;
        var idle = Entry("debian-bookworm-fast-0123456789abcdef");
        using (await CacheLock.AcquireAsync(idle, null, CancellationToken.None)) { }
        var busy = Entry("debian-bookworm-seed-0123456789abcdef");
        var orphan = Path.Combine(cache.ImagesFolder, "debian-bookworm-fast-fedcba9876543210.lock");
        File.WriteAllText(orphan, "");
        using var live = await CacheLock.AcquireAsync(busy, null, CancellationToken.None);

        var deleted = CacheContents.Prune(cache, keepRuns: 10, images: true, all: false);

        deleted.Should().Equal(idle);
        Directory.EnumerateFileSystemEntries(cache.ImagesFolder).Select(Path.GetFileName).Should().BeEquivalentTo(
            [Path.GetFileName(busy), Path.GetFileName(busy) + ".lock"], "the idle entry went with its lock, the orphaned lock went, the held entry stayed");
    }

    [Test]
    public void A_lock_file_its_holder_deleted_is_seen_as_unlinked_so_whoever_opened_it_just_before_does_not_take_it()
    {
        using var dir = new ScratchDirectory("boottests-lock-");
        var path = dir.Combine("entry.lock");
        using var opened = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        CacheLock.IsUnlinked(opened).Should().BeFalse();

        File.Delete(path);

        CacheLock.IsUnlinked(opened).Should().BeTrue("a flock on it would guard nothing: the next builder creates a new file at the path");
    }

    [Test]
    public async Task Read_sources_stay_through_an_images_prune_and_go_with_all_while_an_abandoned_read_always_goes()
    {
        using var dir = new ScratchDirectory("boottests-cache-");
        var cache = new CacheDirectory(dir.Combine("cache"));
        var source = Directory.CreateDirectory(Path.Combine(cache.SourcesFolder, "tar-0123456789abcdef")).FullName;
        File.WriteAllBytes(Path.Combine(source, "tree.tar"), new byte[1 << 20]);
        var abandoned = Directory.CreateDirectory(Path.Combine(cache.SourcesFolder, $".tmp-tar-0123456789abcdef-{Guid.NewGuid():N}")).FullName;
        var env = new Dictionary<string, string?> { ["BOOTTESTS_CACHE"] = cache.Root };

        var info = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "info");
        var images = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "prune", "--images");

        info.StandardOutput.Should().MatchRegex(@"sources\s+2 entries\s+1\.0 MiB");
        images.ExitCode.Should().Be(0, images.StandardError);
        Directory.Exists(abandoned).Should().BeFalse();
        Directory.Exists(source).Should().BeTrue("a read source is only pruned with --all");
        (await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "prune", "--all")).ExitCode.Should().Be(0);
        Directory.Exists(source).Should().BeFalse();
    }

    [Test]
    public async Task Cache_info_and_prune_show_and_shrink_the_cache_named_by_BOOTTESTS_CACHE()
    {
        using var dir = new ScratchDirectory("boottests-cache-");
        var cache = new CacheDirectory(dir.Combine("cache"));
        for (var i = 0; i < 5; i++) Directory.CreateDirectory(Path.Combine(cache.RunsFolder, $"20261201-00000{i}-x-abcdef"));
        var image = Directory.CreateDirectory(Path.Combine(cache.ImagesFolder, "debian-bookworm-fast-0123456789abcdef")).FullName;
        File.WriteAllBytes(Path.Combine(image, "initramfs.img"), new byte[3 << 20]);
        var abandoned = Directory.CreateDirectory(Path.Combine(cache.ImagesFolder, $".tmp-debian-bookworm-fast-0123456789abcdef-{Guid.NewGuid():N}")).FullName;
        var env = new Dictionary<string, string?> { ["BOOTTESTS_CACHE"] = cache.Root };

        var info = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "info");
        var prune = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "prune", "--keep-runs", "2");

        info.ExitCode.Should().Be(0, info.StandardError);
        info.StandardOutput.Should().Contain($"cache: {cache.Root}").And.MatchRegex(@"runs\s+5 entries").And.MatchRegex(@"images\s+2 entries\s+3\.0 MiB");
        prune.ExitCode.Should().Be(0, prune.StandardError);
        prune.StandardOutput.Should().Contain($"deleted  {abandoned}");
        RunFolders.All(cache.RunsFolder).Should().HaveCount(2);
        Directory.Exists(image).Should().BeTrue("built images stay unless --images or --all");

        var all = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "cache", "prune", "--images");
        all.ExitCode.Should().Be(0);
        Directory.Exists(image).Should().BeFalse();
    }

    [Test]
    public async Task A_BOOTTESTS_KEEP_RUNS_that_is_not_a_count_is_a_usage_error_naming_it()
    {
        var result = await BoottestCli.RunInAsync(null, new Dictionary<string, string?> { ["BOOTTESTS_KEEP_RUNS"] = "many" }, TimeSpan.FromMinutes(1),
            "run", "--accel", "tcg");

        result.ExitCode.Should().Be(3, result.StandardError);
        result.StandardError.Should().Contain("BOOTTESTS_KEEP_RUNS='many' is not a whole number");
    }
}
