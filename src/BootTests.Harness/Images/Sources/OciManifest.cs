using System.Text.Json;

namespace BootTests.Images.Sources;

/// <summary>What an image copied by skopeo into a dir: folder holds: its layers in order, its platform and what it would run.</summary>
internal sealed record OciManifest(IReadOnlyList<string> Layers, string ConfigDigest, string? Os, string? Architecture, string? Entrypoint, string? Cmd)
{
    /// <summary>Reads manifest.json (OCI or Docker schema 2) and the config blob it names from skopeo's dir: layout.</summary>
    public static OciManifest Read(string folder, string input)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
            var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
            var layers = manifest.RootElement.GetProperty("layers").EnumerateArray()
                .Select(l => Blob(folder, l.GetProperty("digest").GetString()!)).ToList();
            using var config = JsonDocument.Parse(File.ReadAllBytes(Blob(folder, configDigest)));
            var root = config.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            string? Run(string name) =>
                root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? JsonSerializer.Serialize(v.EnumerateArray().Select(e => e.GetString()))
                    : null;
            if (layers.Count == 0) throw TreeReader.Bad(input, "has no layers", "give an image with a root filesystem in it");
            return new OciManifest(layers, configDigest, Text("os"), Text("architecture"), Run("Entrypoint"), Run("Cmd"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw TreeReader.Bad(input, $"has a manifest or config that cannot be read ({e.Message})", "check the image with skopeo inspect", e);
        }
    }

    private static string Blob(string folder, string digest) =>
        Path.Combine(folder, digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest["sha256:".Length..] : digest);
}
