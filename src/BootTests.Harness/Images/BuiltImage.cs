using System.Text.Json;

namespace BootTests.Images;

/// <summary>A folder holding vmlinuz, initramfs.img, id_ed25519 and manifest.json.</summary>
public sealed record BuiltImage(string Folder, ImageManifest Manifest, bool FromCache)
{
    public string KernelPath => Path.Combine(Folder, Manifest.Kernel.File);
    public string InitramfsPath => Path.Combine(Folder, Manifest.Initramfs.File);
    public string ClientKeyPath => Path.Combine(Folder, Manifest.ClientKey);
    public string ManifestPath => Path.Combine(Folder, "manifest.json");

    public static BuiltImage? TryLoad(string folder, bool fromCache)
    {
        var path = Path.Combine(folder, "manifest.json");
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<ImageManifest>(File.ReadAllText(path), RecipeLoader.Json);
            if (manifest is null) return null;
            var image = new BuiltImage(folder, manifest, fromCache);
            return File.Exists(image.KernelPath) && File.Exists(image.InitramfsPath) && File.Exists(image.ClientKeyPath) ? image : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
