using System.Diagnostics;
using System.Text.Json;
using BootTests.Host;
using BootTests.Images.Payloads;
using BootTests.Images.Rootfs;

namespace BootTests.Images;

/// <summary>Options of one image build.</summary>
public sealed record ImageBuildOptions
{
    public ImageLayout Layout { get; init; } = ImageLayout.Fast;
    public bool NoCache { get; init; }

    /// <summary>For fault tests: pack a tmpfs size smaller than the rootfs instead of refusing it.</summary>
    public bool AllowTmpfsSmallerThanRootfs { get; init; }
}

/// <summary>Turns a recipe into kernel + initramfs: rootfs (cached by recipe), then the layout's payload (cached by everything that goes in).</summary>
public sealed class ImageBuilder(CacheDirectory cache, IProgress<string>? progress = null)
{
    // Bump when the packing changes, so images are rebuilt.
    private const string FormatVersion = "image-v1";

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
        Prerequisites.Require(options.Layout.Needs());
        InitramfsBase.RequireStaticBusyBox();
        var rootfs = await new RootfsBuilder(cache, progress).BuildAsync(recipe, options.NoCache, ct);

        var busyboxHash = await ContentHash.OfFileAsync(InitramfsBase.BusyBoxPath, ct);
        var carriedPrograms = options.Layout == ImageLayout.Fast
            ? await (await HostProgram.ResolveAsync(FastPayload.Zstd, ct)).ContentKeyAsync(ct)
            : "";
        var key = ContentHash.OfParts(FormatVersion, rootfs.Key, options.Layout.Name(), recipe.TmpfsSize, recipe.Memory,
            JsonSerializer.Serialize(recipe.Overlay, RecipeLoader.Json), InitScript.Template, busyboxHash, carriedPrograms,
            options.AllowTmpfsSmallerThanRootfs.ToString());
        var folder = Path.Combine(cache.ImagesFolder, $"{recipe.Name}-{options.Layout.Name()}-{key[..16]}");
        if (!options.NoCache && BuiltImage.TryLoad(folder, fromCache: true) is { } cached)
        {
            progress?.Report($"image: cached ({folder})");
            return cached;
        }

        using var entryLock = await CacheLock.AcquireAsync(folder, progress, ct);
        if (!options.NoCache && BuiltImage.TryLoad(folder, fromCache: true) is { } builtMeanwhile)
        {
            progress?.Report($"image: cached ({folder}), built by another boottest meanwhile");
            return builtMeanwhile;
        }
        var clock = Stopwatch.StartNew();
        var temp = CacheDirectory.TemporarySibling(folder);
        try
        {
            Failpoint.Hit(Stage.Image);
            var mtime = rootfs.SourceDateEpoch;
            progress?.Report("image: reading the rootfs index");
            var tree = RootfsTree.ReadTar(rootfs.TarPath).WithOverlay(recipe.Overlay, mtime, recipe.Source);
            if (!tree.IsExecutableFile("sbin/init"))
                throw BootTestsException.Usage(Stage.Image, $"The rootfs of recipe {recipe.Source} has no executable /sbin/init, so switch_root would have nothing to start. Add systemd-sysv (or another init) to rootfs.packages.");
            var tmpfs = TmpfsSizing.Choose(recipe, tree, options.AllowTmpfsSmallerThanRootfs);
            var init = InitScript.Render(options.Layout, tmpfs);

            var work = Directory.CreateDirectory(Path.Combine(temp, "work")).FullName;
            var initramfs = Path.Combine(temp, "initramfs.img");
            if (options.Layout == ImageLayout.Seed)
                await SeedPayload.WriteAsync(tree, init, mtime, work, initramfs, progress, ct);
            else
                await FastPayload.WriteAsync(tree, init, mtime, work, initramfs, progress, ct);
            Directory.Delete(work, recursive: true);

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
            };
            await File.WriteAllTextAsync(Path.Combine(temp, "manifest.json"), JsonSerializer.Serialize(manifest, RecipeLoader.Json), ct);
            CacheDirectory.Publish(temp, folder);
            progress?.Report($"image: built {folder} in {clock.Elapsed.TotalSeconds:F1} s");
            return new BuiltImage(folder, manifest, FromCache: false);
        }
        finally
        {
            CacheDirectory.DeleteQuietly(temp);
        }
    }

    private static async Task<ManifestFile> DescribeAsync(string folder, string name, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        return new ManifestFile(name, await ContentHash.OfFileAsync(path, ct), new FileInfo(path).Length);
    }
}
