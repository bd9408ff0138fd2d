using System.CommandLine;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Cli.Commands;


/// <summary>`boottest cache info` and `boottest cache prune`: what the cache holds, and making it smaller.</summary>
public static class CacheCommand
{
    public static Command Create()
    {
        var info = new Command("info", "Show where the cache is, what each part holds and how big it is");
        info.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var cache = CacheDirectory.Default();
            Console.WriteLine($"cache: {cache.Root} ($BOOTTESTS_CACHE, else $XDG_CACHE_HOME/boottests, else ~/.cache/boottests)");
            foreach (var area in CacheContents.Of(cache))
                Console.WriteLine($"{area.Name,-11} {area.Entries,5} entries {area.Bytes / 1048576.0,10:F1} MiB  {area.Holds}");
            Console.WriteLine($"{"accel.json",-11} {(File.Exists(cache.AcceleratorFile) ? "the KVM verdict with its evidence (`boottest doctor` shows it)" : "absent: nothing proven about KVM yet")}");
            return Task.FromResult(0);
        }, ct));

        var keepRuns = CommonOptions.WholeNumber("--keep-runs", "Run folders to keep, newest first", RunFolders.DefaultKeep, 0, 100_000);
        var images = new Option<bool>("--images") { Description = "Also delete every built image and boot CD (rebuilt from the cached rootfs in seconds)" };
        var all = new Option<bool>("--all") { Description = "Delete everything: rootfs trees too (the next run takes mmdebstrap's minute or two again)" };
        var prune = new Command("prune", "Delete old run folders, builds left by killed processes and old crash files; --images or --all for more") { keepRuns, images, all };
        prune.SetAction((parse, ct) => CliRunner.RunAsync(() =>
        {
            var cache = CacheDirectory.Default();
            var deleted = CacheContents.Prune(cache, parse.GetValue(keepRuns), parse.GetValue(images), parse.GetValue(all));
            foreach (var path in deleted) Console.WriteLine($"deleted  {path}");
            Console.WriteLine($"pruned {deleted.Count} entries from {cache.Root}; entries in use by a running boottest were left alone");
            return Task.FromResult(0);
        }, ct));

        return new Command("cache", "Inspect or prune the cache of rootfs trees, images, boot media and run folders") { info, prune };
    }
}
