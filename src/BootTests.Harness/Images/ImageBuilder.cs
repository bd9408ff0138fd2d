using System.Diagnostics;
using System.Text.Json;
using BootTests.Host;
using BootTests.Images.Diff;
using BootTests.Images.Fixups;
using BootTests.Images.Kernels;
using BootTests.Images.Lint;
using BootTests.Images.Payloads;
using BootTests.Images.Rootfs;
using BootTests.Images.Sources;

namespace BootTests.Images;

/// <summary>Options of one image build.</summary>
public sealed record ImageBuildOptions
{
    public ImageLayout Layout { get; init; } = ImageLayout.Fast;
    public bool NoCache { get; init; }

    /// <summary>For fault tests: pack a tmpfs size smaller than the rootfs instead of refusing it.</summary>
    public bool AllowTmpfsSmallerThanRootfs { get; init; }

    /// <summary>Make new SSH keys for the tree (otherwise a rebuild keeps the cached ones, so it gives the same bytes).</summary>
    public bool NewKeys { get; init; }

    /// <summary>How libguestfs boots its appliance for disk sources (the accelerator decision, made by the caller); null for TCG.</summary>
    public GuestfsSettings? Guestfs { get; init; }
}

/// <summary>
/// Turns a recipe into kernel + initramfs: the tree (made by mmdebstrap, or read from the recipe's source; cached), its
/// kernel modules, the classic fix-ups, the overlay, the bootability lint, then the layout's payload (cached by everything
/// that goes in), with tree.tsv and packages.tsv for `boottest diff`.
/// </summary>
public sealed class ImageBuilder(CacheDirectory cache, IProgress<string>? progress = null)
{
    // Bump when the packing changes, so images are rebuilt.
    private const string FormatVersion = "image-v2";

    public async Task<BuiltImage> BuildAsync(Recipe recipe, ImageBuildOptions options, CancellationToken ct = default)
    {
        try
        {
            return await BuildCoreAsync(recipe, options, ct);
        }
        catch (Exception e) when (BootTestsException.IsBug(e))
        {
            throw BootTestsException.Harness(Stage.Image, e);
        }
    }

    private async Task<BuiltImage> BuildCoreAsync(Recipe recipe, ImageBuildOptions options, CancellationToken ct)
    {
        Prerequisites.Require([.. options.Layout.Needs(), .. RecipeNeeds.Of(recipe)]);
        InitramfsBase.RequireStaticBusyBox();
        var kind = recipe.Rootfs.KindOf();
        var rootfsOptions = new RootfsBuildOptions(options.NoCache, options.NewKeys, options.Guestfs);
        var rootfs = kind.IsImported()
            ? await new ImportedRootfsBuilder(cache, progress).BuildAsync(recipe, rootfsOptions, ct)
            : await new RootfsBuilder(cache, progress).BuildAsync(recipe, rootfsOptions, ct);

        var busyboxHash = await ContentHash.OfFileAsync(InitramfsBase.BusyBoxPath, ct);
        var carriedPrograms = options.Layout == ImageLayout.Fast
            ? await (await HostProgram.ResolveAsync(FastPayload.Zstd, ct)).ContentKeyAsync(ct)
            : "";
        var key = ContentHash.OfParts(FormatVersion, rootfs.Key, options.Layout.Name(), recipe.TmpfsSize, recipe.Memory,
            JsonSerializer.Serialize(recipe.Overlay, RecipeLoader.Json), InitScript.Template, busyboxHash, carriedPrograms,
            options.AllowTmpfsSmallerThanRootfs.ToString(), RootfsFixups.Version, BootabilityLint.Version, rootfs.HostKeyFingerprint,
            rootfs.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { recipe.KernelModules, recipe.Network, recipe.Hostname, recipe.Init, recipe.SshServer }, RecipeLoader.Json),
            // The manifest names where the kernel and the source were read from: the same bytes from elsewhere are another entry.
            rootfs.Kernel.Description, rootfs.Kernel.ModulesFrom, rootfs.Source?.Info.Reference ?? "");
        var folder = Path.Combine(cache.ImagesFolder, $"{recipe.Name}-{options.Layout.Name()}-{key[..16]}");
        BuiltImage? Cached(bool meanwhile)
        {
            if (options.NoCache || options.NewKeys || BuiltImage.TryLoad(folder, fromCache: true) is not { } cached) return null;
            progress?.Report($"image: cached ({folder}){(meanwhile ? ", built by another boottest meanwhile" : "")}");
            return cached;
        }

        return await CacheEntry.GetOrBuildAsync(folder, Cached, async temp =>
        {
            var clock = Stopwatch.StartNew();
            Failpoint.Hit(Stage.Image);
            var mtime = rootfs.SourceDateEpoch;
            var work = Directory.CreateDirectory(Path.Combine(temp, "work")).FullName;
            progress?.Report("image: reading the rootfs index");
            var (tree, fixups, warnings) = await PrepareTreeAsync(recipe, rootfs, work, ct);
            var tmpfs = TmpfsSizing.Choose(recipe, tree, options.AllowTmpfsSmallerThanRootfs);
            var init = InitScript.Render(options.Layout, tmpfs);

            var initramfs = Path.Combine(temp, "initramfs.img");
            if (options.Layout == ImageLayout.Seed)
                await SeedPayload.WriteAsync(tree, init, mtime, work, initramfs, progress, ct);
            else
                await FastPayload.WriteAsync(tree, init, mtime, work, initramfs, progress, ct);
            Directory.Delete(work, recursive: true);
            TreeListing.Write(Path.Combine(temp, TreeListing.FileName), TreeListing.Of(tree));
            PackageList.Of(tree).Write(Path.Combine(temp, PackageList.FileName));

            File.Copy(rootfs.KernelPath, Path.Combine(temp, "vmlinuz"));
            var clientKey = Path.Combine(temp, "id_ed25519");
            File.Copy(rootfs.ClientKeyPath, clientKey);
            File.SetUnixFileMode(clientKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var manifest = new ImageManifest
            {
                Recipe = recipe.Name,
                RecipeSource = recipe.Source,
                Layout = options.Layout.Name(),
                KernelVersion = rootfs.KernelVersion,
                RootfsBytes = tree.ContentBytes,
                TmpfsSize = tmpfs.ToOption(),
                TmpfsBytes = tmpfs.Bytes,
                Memory = ByteSize.TryParse(recipe.Memory)!.Value.ToOption(),
                HostKeyFingerprint = rootfs.HostKeyFingerprint,
                Kernel = await DescribeAsync(temp, "vmlinuz", ct),
                Initramfs = await DescribeAsync(temp, "initramfs.img", ct),
                ClientKey = "id_ed25519",
                CacheKey = key,
                SourceDateEpoch = mtime,
                BuildSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                Init = recipe.Init,
                SshServer = recipe.SshServer,
                SourceDateEpochFrom = rootfs.SourceDateEpochFrom,
                Source = rootfs.Source is { } source ? new ManifestSource(source.Info.Kind, source.Info.Reference, source.Info.Digest) : null,
                KernelOrigin = rootfs.Kernel.Origin,
                KernelFrom = rootfs.Kernel.Description,
                Fixups = fixups,
                Warnings = warnings,
            };
            await File.WriteAllTextAsync(Path.Combine(temp, "manifest.json"), JsonSerializer.Serialize(manifest, RecipeLoader.Json), ct);
            progress?.Report($"image: built {folder} in {clock.Elapsed.TotalSeconds:F1} s");
            return new BuiltImage(folder, manifest, FromCache: false);
        }, progress, ct);
    }

    /// <summary>The tree as it will be packed: kernel modules brought in and trimmed, the fix-ups, the overlay; then the lint, whose errors stop here.</summary>
    private async Task<(RootfsTree Tree, IReadOnlyList<FixupOutcome> Fixups, IReadOnlyList<LintFinding> Warnings)> PrepareTreeAsync(
        Recipe recipe, RootfsArtifact rootfs, string work, CancellationToken ct)
    {
        var mtime = rootfs.SourceDateEpoch;
        var read = RootfsTree.ReadTar(rootfs.TarPath);
        var original = new MutableTree(read.Entries);
        var editing = new MutableTree(read.Entries);
        var outcomes = new List<FixupOutcome>();
        if (rootfs.Kernel.Version is { } version)
        {
            var bring = ImportedRootfsBuilder.ModulesToBring(rootfs.Kernel);
            if (bring.Count > 0) outcomes.Add(KernelModules.Bring(editing, version, bring, rootfs.Kernel.ModulesFrom, mtime));
            outcomes.Add(await KernelModules.TrimAsync(editing, version, recipe.KernelModules, work, mtime, recipe.Source, ct));
        }
        var context = new FixupContext(recipe.Hostname, recipe.Network.DhcpInterfaces,
            await File.ReadAllBytesAsync(rootfs.HostPrivateKeyPath, ct), await File.ReadAllBytesAsync(rootfs.HostPublicKeyPath, ct),
            await File.ReadAllBytesAsync(rootfs.AuthorizedKeysPath, ct))
        {
            RootPasswordLogin = recipe.RootPassword is not null,
        };
        outcomes.AddRange(RootfsFixups.Apply(editing, context, mtime));
        foreach (var outcome in outcomes.Where(o => o.Result == FixupOutcome.Done)) progress?.Report($"fix-up: {outcome}");
        var tree = editing.ToTree().WithOverlay(recipe.Overlay, mtime, recipe.Source);

        var lint = new LintInput(original, new MutableTree(tree.Entries), rootfs.Kernel, recipe)
        {
            Source = rootfs.Source?.Info,
            FootprintBytes = tree.TmpfsFootprintBytes,
            MemoryBytes = ByteSize.TryParse(recipe.Memory)?.Bytes ?? 0,
            NicModules = context.NicModules,
        };
        var findings = BootabilityLint.Check(lint);
        var warnings = findings.Where(f => !f.IsError).ToList();
        foreach (var warning in warnings) progress?.Report($"lint: {warning}");
        BootabilityLint.ThrowOnErrors(lint, findings);
        return (tree, outcomes, warnings);
    }

    private static async Task<ManifestFile> DescribeAsync(string folder, string name, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        return new ManifestFile(name, await ContentHash.OfFileAsync(path, ct), new FileInfo(path).Length);
    }
}
