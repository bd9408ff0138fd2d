using BootTests.Host;
using BootTests.Images;

namespace BootTests.BootMedia;

/// <summary>Builds a bootable CD image (BIOS, and UEFI where GRUB's EFI files are installed) holding the kernel, the initramfs and a GRUB menu entry; cached by content.</summary>
public sealed class GrubIso(CacheDirectory cache, IProgress<string>? progress = null)
{
    public const string Stage = BootTests.Stage.BootMedia;
    public const string FileName = "boot.iso";

    /// <summary>The path of the CD image for this kernel, initramfs and command line; built unless the cache has it.</summary>
    public async Task<string> BuildAsync(string kernelPath, string initrdPath, string append, CancellationToken ct = default)
    {
        Prerequisites.Require(BootVia.Grub.Needs());
        foreach (var (what, path) in new[] { ("kernel", kernelPath), ("initramfs", initrdPath) })
        {
            if (!File.Exists(path))
                throw BootTestsException.Usage(Stage, $"The {what} '{path}' does not exist; build the image first (`boottest build`) or pass an existing file.");
        }

        var config = GrubConfig.Render(append);
        var version = (await ExternalTool.RunAsync(Stage, "grub-mkrescue", ["--version"], ct)).Trim();
        var key = ContentHash.OfParts(
            await ContentHash.OfFileAsync(kernelPath, ct), await ContentHash.OfFileAsync(initrdPath, ct), config, version);
        var folder = Path.Combine(cache.BootMediaFolder, $"grub-{key[..16]}");
        var iso = Path.Combine(folder, FileName);
        string? Cached(bool meanwhile)
        {
            if (!File.Exists(iso)) return null;
            progress?.Report($"boot-media: GRUB CD image cached at {iso}{(meanwhile ? ", built by another boottest meanwhile" : "")}");
            return iso;
        }

        return await CacheEntry.GetOrBuildAsync(folder, Cached, async temp =>
        {
            progress?.Report("boot-media: building the GRUB CD image (grub-mkrescue)");
            var root = Path.Combine(temp, "root");
            Directory.CreateDirectory(Path.Combine(root, "boot", "grub"));
            File.Copy(kernelPath, Path.Combine(root, GrubConfig.KernelFile.TrimStart('/')));
            File.Copy(initrdPath, Path.Combine(root, GrubConfig.InitrdFile.TrimStart('/')));
            await File.WriteAllTextAsync(Path.Combine(root, "boot", "grub", "grub.cfg"), config, ct);
            await ExternalTool.RunAsync(Stage, "grub-mkrescue", ["-o", Path.Combine(temp, FileName), root], ct);
            Directory.Delete(root, recursive: true);
            progress?.Report($"boot-media: GRUB CD image at {iso}");
            return iso;
        }, progress, ct);
    }
}
