using System.Text.Json;
using BootTests.Host;
using BootTests.Images.Cpio;
using BootTests.Images.Kernels;
using BootTests.Images.Sources;

namespace BootTests.Images.Rootfs;

/// <summary>
/// An imported tree (tarball, folder, OCI image, disk) made ready to pack: the source read once into the cache, the
/// kernel chosen (the tree's /boot, the default recipe's, or a file), and the image's SSH keys, kept across rebuilds.
/// The fix-ups and the lint happen when the image is packed.
/// </summary>
public sealed class ImportedRootfsBuilder(CacheDirectory cache, IProgress<string>? progress = null)
{
    // Bump when the way an imported tree is prepared changes.
    private const string FormatVersion = "imported-rootfs-v1";

    public async Task<RootfsArtifact> BuildAsync(Recipe recipe, RootfsBuildOptions options, CancellationToken ct)
    {
        try
        {
            return await BuildCoreAsync(recipe, options, ct);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Rootfs, e);
        }
    }

    private async Task<RootfsArtifact> BuildCoreAsync(Recipe recipe, RootfsBuildOptions options, CancellationToken ct)
    {
        var source = await new SourceImporter(cache, progress).ImportAsync(recipe, new SourceOptions(options.NoCache, options.Guestfs), ct);
        var (kernel, kernelFile, kernelKey) = await ChooseKernelAsync(recipe, source, options, ct);
        var key = ContentHash.OfParts(FormatVersion, source.Info.Kind, source.Info.Digest, kernelKey);
        var folder = Path.Combine(cache.RootfsFolder, key[..16]);
        var (epoch, epochFrom) = SourceDateEpochs.Choose(recipe, (source.Info.NewestMtime, "the newest file of the source"));
        RootfsArtifact Artifact(ImportedRootfsInfo info, bool fromCache) =>
            new(folder, info.Key, info.Kernel.Version ?? "", info.HostKeyFingerprint, epoch, fromCache)
            {
                TarPath = source.TarPath,
                Kind = recipe.Rootfs.KindOf(),
                Source = source,
                // Chosen again for this recipe: a cached tree is keyed by the kernel's bytes, not by the path they were read from.
                Kernel = kernel,
                SourceDateEpochFrom = epochFrom,
            };

        RootfsArtifact? Cached(bool meanwhile)
        {
            if (options.NoCache || options.NewKeys || TryLoad(folder) is not { } cached) return null;
            if (!meanwhile) progress?.Report($"rootfs: cached ({folder})");
            return Artifact(cached, fromCache: true);
        }

        return await CacheEntry.GetOrBuildAsync(folder, Cached, async temp =>
        {
            Failpoint.Hit(Stage.Rootfs);
            var keys = Path.Combine(temp, "keys");
            var kept = await KeptKeys.PrepareAsync(keys, folder, options.NewKeys, ct);
            if (kernelFile is not null) await File.WriteAllBytesAsync(Path.Combine(temp, "vmlinuz"), kernelFile(), ct);
            var fingerprint = SshKeys.Fingerprint(await File.ReadAllTextAsync(Path.Combine(keys, "ssh_host_ed25519_key.pub"), ct));
            var info = new ImportedRootfsInfo(key, source.Info.Kind, source.Info.Reference, source.Info.Digest, kernel, fingerprint, recipe.Source);
            await File.WriteAllTextAsync(Path.Combine(temp, "rootfs.json"), JsonSerializer.Serialize(info, RecipeLoader.Json), ct);
            progress?.Report($"rootfs: {source.Info.Kind} tree ready ({kernel.Description}; {(kept ? "kept" : "new")} SSH keys) in {folder}");
            return Artifact(info, fromCache: false);
        }, progress, ct);
    }

    /// <summary>The kernel, a way to read its bytes (null when there is none), and what identifies it for the cache key.</summary>
    private async Task<(KernelSource Kernel, Func<byte[]>? File, string Key)> ChooseKernelAsync(Recipe recipe, ImportedSource source, RootfsBuildOptions options, CancellationToken ct)
    {
        switch (recipe.Kernel)
        {
            case null or "tree":
                var tree = RootfsTree.ReadTar(source.TarPath);
                var kernels = TreeKernel.Find(tree);
                if (kernels.Count == 0)
                    return (new KernelSource(KernelSource.None, null, "no kernel: the tree's /boot has no vmlinuz-* and the recipe names none"), null, "none");
                var (path, version) = kernels[0];
                var also = kernels.Count > 1 ? $"; also in /boot: {string.Join(", ", kernels.Skip(1).Select(k => k.Version))}" : "";
                return (new KernelSource(KernelSource.FromTree, version, $"the tree's /{path}{also}"), () => tree.ReadBytes(path, long.MaxValue)!, $"tree:{version}");
            case "default":
                var defaultRecipe = RecipeLoader.LoadEmbedded(RecipeLoader.DefaultName);
                var rootfs = await new RootfsBuilder(cache, progress).BuildAsync(defaultRecipe, noCache: false, ct);
                return (new KernelSource(KernelSource.FromDefault, rootfs.KernelVersion, $"the default recipe's kernel {rootfs.KernelVersion}")
                {
                    ModulesTar = rootfs.TarPath,
                    ModulesFolder = $"usr/lib/modules/{rootfs.KernelVersion}",
                    ModulesFrom = $"the default recipe's kernel {rootfs.KernelVersion}",
                }, () => File.ReadAllBytes(rootfs.KernelPath), $"default:{rootfs.Key}");
            default:
                var file = recipe.ResolvePath(recipe.Kernel);
                var fileVersion = KernelImage.ReadVersion(file);
                var kernel = new KernelSource(KernelSource.FromFile, fileVersion, $"the kernel file {file} ({fileVersion})");
                var fileKey = $"file:{await ContentHash.OfFileAsync(file, ct)}";
                if (recipe.KernelModulesDir is { } modules)
                {
                    var read = await new SourceImporter(cache, progress).ImportFolderAsync(recipe.ResolvePath(modules), options.NoCache, ct);
                    kernel = kernel with { ModulesTar = read.TarPath, ModulesFolder = "", ModulesFrom = $"the modules folder {recipe.ResolvePath(modules)}" };
                    fileKey += $":modules:{read.Info.Digest}";
                }
                return (kernel, () => File.ReadAllBytes(file), fileKey);
        }
    }

    /// <summary>The modules to bring into a tree for this kernel (entries relative to their lib/modules/VERSION folder); empty when there are none to bring.</summary>
    public static IReadOnlyList<CpioEntry> ModulesToBring(KernelSource kernel)
    {
        if (kernel.ModulesTar is not { } tar) return [];
        var prefix = kernel.ModulesFolder.Length == 0 ? "" : kernel.ModulesFolder + "/";
        return TarToCpio.ReadEntries(tar)
            .Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal) && e.Path.Length > prefix.Length)
            .Select(e => e with { Path = e.Path[prefix.Length..], HardLinkTo = e.HardLinkTo is { } l && l.StartsWith(prefix, StringComparison.Ordinal) ? l[prefix.Length..] : e.HardLinkTo })
            .ToList();
    }

    private static ImportedRootfsInfo? TryLoad(string folder)
    {
        var infoPath = Path.Combine(folder, "rootfs.json");
        if (!File.Exists(infoPath) || !File.Exists(Path.Combine(folder, "keys", "id_ed25519"))) return null;
        try
        {
            var info = JsonSerializer.Deserialize<ImportedRootfsInfo>(File.ReadAllText(infoPath), RecipeLoader.Json);
            return info is not null && (info.Kernel.Origin == KernelSource.None || File.Exists(Path.Combine(folder, "vmlinuz"))) ? info : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
