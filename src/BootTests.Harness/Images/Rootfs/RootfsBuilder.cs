using System.Text.Json;
using BootTests.Host;

namespace BootTests.Images.Rootfs;

/// <summary>Makes the recipe's Debian tree with mmdebstrap, customised for a RAM root, and caches it by recipe content.</summary>
public sealed class RootfsBuilder(CacheDirectory cache, IProgress<string>? progress = null)
{
    // Bump when the way a tree is made changes, so old caches are not reused.
    private const string FormatVersion = "rootfs-v1";

    // Only mmdebstrap's own fields, in the order they always had, so trees cached before other kinds existed are reused.
    public static string KeyOf(Recipe recipe) => ContentHash.OfParts(
        [
            FormatVersion,
            JsonSerializer.Serialize(new { Rootfs = new { recipe.Rootfs.Suite, recipe.Rootfs.Variant, recipe.Rootfs.Packages, recipe.Rootfs.Mirror }, recipe.KernelModules, recipe.Network, recipe.Hostname, recipe.Init, recipe.SshServer, recipe.RootPassword }, RecipeLoader.Json),
            EmbeddedFiles.ReadText("customize-rootfs.sh"),
            .. recipe.SourceDateEpoch is { } epoch ? [$"epoch={epoch}"] : Array.Empty<string>(),
            .. recipe.Rootfs.Hooks.Count > 0 ? [$"hooks={string.Join(',', recipe.Rootfs.Hooks)}"] : Array.Empty<string>(),
            .. recipe.Rootfs.PathExclude.Count + recipe.Rootfs.PathInclude.Count > 0
                ? [$"path-exclude={string.Join('\n', recipe.Rootfs.PathExclude)}", $"path-include={string.Join('\n', recipe.Rootfs.PathInclude)}"]
                : Array.Empty<string>(),
        ]);

    // Named by content only: recipes that differ only in name, overlay, tmpfs or memory share one tree.
    public string FolderFor(Recipe recipe) => Path.Combine(cache.RootfsFolder, KeyOf(recipe)[..16]);

    public Task<RootfsArtifact> BuildAsync(Recipe recipe, bool noCache, CancellationToken ct) =>
        BuildAsync(recipe, new RootfsBuildOptions(NoCache: noCache), ct);

    /// <summary>The cached tree, else a new one; a rebuild keeps the keys and timestamp of the tree it replaces unless new keys are asked for.</summary>
    public async Task<RootfsArtifact> BuildAsync(Recipe recipe, RootfsBuildOptions options, CancellationToken ct)
    {
        try
        {
            return await BuildCoreAsync(recipe, options.NoCache || options.NewKeys, options.NewKeys, ct);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Rootfs, e);
        }
    }

    private async Task<RootfsArtifact> BuildCoreAsync(Recipe recipe, bool noCache, bool newKeys, CancellationToken ct)
    {
        var key = KeyOf(recipe);
        var folder = FolderFor(recipe);
        RootfsArtifact? Cached(bool meanwhile)
        {
            if (noCache || TryLoad(folder) is not { } cached) return null;
            progress?.Report($"rootfs: cached ({folder}){(meanwhile ? ", built by another boottest meanwhile" : "")}");
            return cached;
        }

        return await CacheEntry.GetOrBuildAsync(folder, Cached, async temp =>
        {
            Failpoint.Hit(Stage.Rootfs);
            var keys = Path.Combine(temp, "keys");
            var kept = await KeptKeys.PrepareAsync(keys, folder, newKeys, ct);

            var hook = Path.Combine(temp, "customize-rootfs.sh");
            await File.WriteAllTextAsync(hook, EmbeddedFiles.ReadText("customize-rootfs.sh"), ct);
            File.SetUnixFileMode(hook, (UnixFileMode)Convert.ToInt32("755", 8));

            // mmdebstrap's inputs include a mirror that has no timestamp to read before the build, so the first build's is kept like the keys.
            var previous = TryLoad(folder);
            var (epoch, epochFrom) = SourceDateEpochs.Choose(recipe, previous is not null
                ? (previous.SourceDateEpoch, "kept from the build it replaces")
                : (DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "the first build's time"));
            progress?.Report($"rootfs: {(kept ? "keeping the SSH keys" : "new SSH keys")} and timestamp {epoch} ({epochFrom})");
            var command = MmdebstrapCommand.For(recipe, temp, hook, keys, epoch);
            MmdebstrapCommand.RequireHooks(recipe);
            progress?.Report($"rootfs: mmdebstrap {recipe.Rootfs.Suite} ({recipe.Rootfs.Variant} + {recipe.Rootfs.Packages.Count} packages); this takes a minute or two");
            await ExternalTool.RunAsync(Stage.Rootfs, "mmdebstrap", command.Arguments, ct, command.Environment,
                line => { if (line.StartsWith("I: ", StringComparison.Ordinal) || line.StartsWith("E: ", StringComparison.Ordinal)) progress?.Report("rootfs: " + line); });

            var kernelVersion = (await File.ReadAllTextAsync(Path.Combine(temp, "kernel-version"), ct)).Trim();
            var fingerprint = SshKeys.Fingerprint(await File.ReadAllTextAsync(Path.Combine(keys, "ssh_host_ed25519_key.pub"), ct));
            var info = new RootfsInfo(key, kernelVersion, fingerprint, epoch, recipe.Source) { SourceDateEpochFrom = epochFrom };
            File.Delete(hook);
            await File.WriteAllTextAsync(Path.Combine(temp, "rootfs.json"), JsonSerializer.Serialize(info, RecipeLoader.Json), ct);
            progress?.Report($"rootfs: built {folder}");
            return ToArtifact(folder, info, fromCache: false);
        }, progress, ct);
    }

    private static RootfsArtifact? TryLoad(string folder)
    {
        var infoPath = Path.Combine(folder, "rootfs.json");
        if (!File.Exists(infoPath)) return null;
        try
        {
            var info = JsonSerializer.Deserialize<RootfsInfo>(File.ReadAllText(infoPath), RecipeLoader.Json);
            return info is null ? null : ToArtifact(folder, info, fromCache: true);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RootfsArtifact ToArtifact(string folder, RootfsInfo info, bool fromCache) =>
        new(folder, info.Key, info.KernelVersion, info.HostKeyFingerprint, info.SourceDateEpoch, fromCache)
        {
            SourceDateEpochFrom = info.SourceDateEpochFrom.Length > 0 ? info.SourceDateEpochFrom : "the first build's time",
        };
}
