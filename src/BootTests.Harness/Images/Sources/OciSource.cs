using System.Text.Json;

namespace BootTests.Images.Sources;

/// <summary>
/// An OCI image (layout folder, oci-archive, docker-archive, or a registry where the network allows): skopeo resolves it
/// to its linux/amd64 manifest, checks every blob's digest and writes the layers uncompressed; the layers are then
/// applied in order with the OCI whiteout rules (<see cref="OciLayers"/>) without unpacking anything on the host.
/// </summary>
internal sealed class OciSource(OciReference reference, IProgress<string>? progress) : IRootfsSource
{
    private static readonly string[] Platform = ["--override-os", "linux", "--override-arch", "amd64"];

    public RootfsKind Kind => RootfsKind.Oci;
    public string Input => $"OCI image '{reference}'";
    public string Reference => reference.ToString();

    public async Task<string?> DigestAsync(CancellationToken ct)
    {
        var scratch = Directory.CreateTempSubdirectory("boottests-oci-").FullName;
        try
        {
            List<string> arguments = ["inspect", .. Platform, reference.ForSkopeo(Link(scratch))];
            var result = await SourceTool.RunAsync("skopeo", arguments, ct);
            if (result.ExitCode != 0) throw Refused(result, arguments);
            using var json = JsonDocument.Parse(result.Stdout);
            var root = json.RootElement;
            CheckPlatform(root.GetProperty("Os").GetString(), root.GetProperty("Architecture").GetString());
            return root.GetProperty("Digest").GetString();
        }
        finally
        {
            CacheDirectory.DeleteQuietly(scratch);
        }
    }

    public async Task<SourceRead> ReadAsync(string work, CancellationToken ct)
    {
        var image = Path.Combine(work, "image");
        progress?.Report($"source: copying {Input} with skopeo (digests checked, layers uncompressed)");
        List<string> arguments = ["copy", "--quiet", "--dest-decompress", .. Platform, reference.ForSkopeo(Link(work)), "dir:" + image];
        var result = await SourceTool.RunAsync("skopeo", arguments, ct, new Dictionary<string, string?> { ["TMPDIR"] = work });
        if (result.ExitCode != 0) throw Refused(result, arguments);

        var manifest = OciManifest.Read(image, Input);
        CheckPlatform(manifest.Os, manifest.Architecture);
        progress?.Report($"source: applying {manifest.Layers.Count} layer(s) of {Input} in order (whiteouts and opaque directories)");
        var tree = await OciLayers.MergeAsync(manifest.Layers, Input, work, ct);
        var details = new Dictionary<string, string>
        {
            ["architecture"] = manifest.Architecture ?? "",
            ["os"] = manifest.Os ?? "",
            ["layers"] = manifest.Layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["config"] = manifest.ConfigDigest,
        };
        if (manifest.Entrypoint is { } entrypoint) details["entrypoint"] = entrypoint;
        if (manifest.Cmd is { } cmd) details["cmd"] = cmd;
        return new SourceRead(tree, details);
    }

    private string? Link(string folder)
    {
        if (reference.Path is null) return null;
        var link = Path.Combine(folder, "input");
        if (!File.Exists(link) && !Directory.Exists(link)) File.CreateSymbolicLink(link, reference.Path);
        return link;
    }

    private void CheckPlatform(string? os, string? architecture)
    {
        if (os == "linux" && architecture == "amd64") return;
        throw TreeReader.Bad(Input, $"is {os}/{architecture}, but boottest boots x86-64 guests (linux/amd64)",
            "give the amd64 image (e.g. podman save of an image pulled with --platform linux/amd64, or skopeo copy --override-arch amd64)");
    }

    // A local image skopeo refuses is bad input; a registry that does not answer is the host's network.
    private BootTestsException Refused(SourceToolResult result, IReadOnlyList<string> arguments) =>
        reference.IsRemote && !result.ErrorLine.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase)
            ? SourceTool.Failed("skopeo", arguments, result, "Check the reference and that this host can reach the registry, or save the image to an oci-archive and use that.")
            : TreeReader.Bad(Input, $"cannot be read: skopeo says '{result.ErrorLine}'",
                "check the path and tag (skopeo inspect lists what is there); an image index needs a linux/amd64 manifest");
}
