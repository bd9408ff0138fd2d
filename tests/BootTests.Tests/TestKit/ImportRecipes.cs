using System.Text.Json;
using System.Text.Json.Nodes;
using BootTests.Images;

namespace BootTests.Tests.TestKit;

/// <summary>Recipe files for imported trees, written where a test says (the default recipe's network, tmpfs and memory; the NIC's modules only).</summary>
internal static class ImportRecipes
{
    /// <summary>Writes NAME.json into <paramref name="folder"/> and loads it (so relative paths and file:line:column work as for users).</summary>
    public static Recipe Write(string folder, string name, object rootfs, string? kernel = null, object? overlay = null, string[]? modules = null, string? memory = null, string? kernelModulesDir = null)
    {
        var recipe = new JsonObject
        {
            ["name"] = name,
            ["rootfs"] = JsonSerializer.SerializeToNode(rootfs),
            ["kernelModules"] = JsonSerializer.SerializeToNode(modules ?? ["virtio_net", "virtio_pci"]),
            ["memory"] = memory ?? "2G",
        };
        if (kernel is not null) recipe["kernel"] = kernel;
        if (kernelModulesDir is not null) recipe["kernelModulesDir"] = kernelModulesDir;
        if (overlay is not null) recipe["overlay"] = JsonSerializer.SerializeToNode(overlay);
        var path = Path.Combine(folder, name + ".json");
        File.WriteAllText(path, recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return RecipeLoader.LoadFile(path);
    }

    public static object Tar(string path) => new { kind = "tar", path };
    public static object Dir(string path) => new { kind = "dir", path };
    public static object Oci(string image) => new { kind = "oci", image };
    public static object Disk(string path, string? root = null) => root is null ? new { kind = "disk", path } : new { kind = "disk", path, root };
}
