namespace BootTests.Images.Sources;

/// <summary>
/// Applies an image's layers in order, as the OCI image spec says: in each layer a `.wh.NAME` removes NAME (and all under
/// it) from the layers below, `.wh..wh..opq` empties its directory of what the layers below put there, and every other
/// member replaces what was at its path. Whiteouts act on the lower layers only, wherever they sit in their own layer.
/// </summary>
public static class OciLayers
{
    public const string WhiteoutPrefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>Merges the layer tars (any compression) into one tree; the content stays in the layers (or their unpacked copies in <paramref name="work"/>).</summary>
    public static async Task<TreeReading> MergeAsync(IReadOnlyList<string> layers, string input, string work, CancellationToken ct)
    {
        var reader = new TreeReader(input);
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var compression = Decompressor.Sniff(layer);
            if (compression != Compression.None)
            {
                var plain = Path.Combine(work, $"layer-{i + 1}.tar");
                await Decompressor.DecompressAsync(layer, compression, plain, $"{input} layer {i + 1}", ct);
                layer = plain;
            }
            foreach (var path in reader.PathsIn(layer)) ApplyWhiteout(reader.Tree, path);
            reader.Add(layer, skip: IsWhiteout);
        }
        return reader.Finish();
    }

    public static bool IsWhiteout(string path) => NameOf(path).StartsWith(WhiteoutPrefix, StringComparison.Ordinal);

    private static void ApplyWhiteout(MutableTree tree, string path)
    {
        var name = NameOf(path);
        if (!name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal)) return;
        var directory = path.Length == name.Length ? "" : path[..^(name.Length + 1)];
        if (name == OpaqueMarker)
        {
            tree.RemoveChildren(directory);
            return;
        }
        // Other ".wh..wh." names are AUFS bookkeeping (e.g. .wh..wh.plnk), not whiteouts of a file.
        if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal)) return;
        var hidden = name[WhiteoutPrefix.Length..];
        tree.Remove(directory.Length == 0 ? hidden : directory + "/" + hidden);
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
