namespace BootTests.Images.Diff;

/// <summary>What changed between two built images: their manifests, the files of their trees, and their packages.</summary>
public sealed record ImageDiff(
    IReadOnlyList<string> Manifest,
    IReadOnlyList<ListedEntry> Added,
    IReadOnlyList<ListedEntry> Removed,
    IReadOnlyList<(ListedEntry Before, ListedEntry After, string Change)> Changed,
    IReadOnlyList<string> Packages,
    string PackageDatabases)
{
    /// <summary>True when the two images are the same bytes.</summary>
    public bool Identical { get; init; }

    public bool TreesDiffer => Added.Count + Removed.Count + Changed.Count > 0;

    /// <summary>Compares two image folders (a cache entry or a `build --out` folder); a folder that is not an image is a usage error.</summary>
    public static ImageDiff Compare(string folderA, string folderB)
    {
        var a = Load(folderA, "IMAGE_A");
        var b = Load(folderB, "IMAGE_B");
        var manifest = ManifestChanges(a.Manifest, b.Manifest);
        var before = TreeListing.Read(Path.Combine(a.Folder, TreeListing.FileName)).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var after = TreeListing.Read(Path.Combine(b.Folder, TreeListing.FileName)).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var added = after.Values.Where(e => !before.ContainsKey(e.Path)).ToList();
        var removed = before.Values.Where(e => !after.ContainsKey(e.Path)).ToList();
        var changed = after.Values.Where(e => before.ContainsKey(e.Path))
            .Select(e => (Before: before[e.Path], After: e, Change: e.ChangeFrom(before[e.Path])))
            .Where(c => c.Change is not null).Select(c => (c.Before, c.After, c.Change!)).ToList();
        var (packages, databases) = PackageChanges(a.Folder, b.Folder);
        return new ImageDiff(manifest, added, removed, changed, packages, databases)
        {
            Identical = a.Manifest.Initramfs.Sha256 == b.Manifest.Initramfs.Sha256 && a.Manifest.Kernel.Sha256 == b.Manifest.Kernel.Sha256,
        };
    }

    /// <summary>The report as printed: a summary line, then manifest, packages and files.</summary>
    public IEnumerable<string> Lines(int maxFiles = 200)
    {
        var grown = Added.Sum(e => e.Size) - Removed.Sum(e => e.Size) + Changed.Sum(c => c.After.Size - c.Before.Size);
        yield return Identical
            ? "identical: the same kernel and initramfs bytes"
            : $"files: {Added.Count} added, {Removed.Count} removed, {Changed.Count} changed ({(grown >= 0 ? "+" : "")}{ByteText.Of(grown)}); packages: {Packages.Count} changed ({PackageDatabases})";
        foreach (var line in Manifest) yield return "manifest " + line;
        foreach (var line in Packages) yield return "package  " + line;
        var files = Added.Select(e => (e.Path, Line: $"+ /{e.Path} ({e.Type}{(e.Type == "file" ? ", " + ByteText.Of(e.Size) : "")})"))
            .Concat(Removed.Select(e => (e.Path, Line: $"- /{e.Path} ({e.Type}{(e.Type == "file" ? ", " + ByteText.Of(e.Size) : "")})")))
            .Concat(Changed.Select(c => (c.After.Path, Line: $"~ /{c.After.Path} ({c.Change})")))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        foreach (var file in files.Take(maxFiles)) yield return "file     " + file.Line;
        if (files.Count > maxFiles) yield return $"file     … and {files.Count - maxFiles} more";
    }

    private static BuiltImage Load(string folder, string name)
    {
        if (!Directory.Exists(folder))
            throw BootTestsException.Usage(Stage.Diff, $"{name} '{folder}' is not a folder; give an image folder (the path `boottest build` prints, or its --out folder).");
        var image = BuiltImage.TryLoad(folder, fromCache: true)
            ?? throw BootTestsException.Usage(Stage.Diff, $"{name} '{folder}' is not a BootTests image (no readable manifest.json with its kernel and initramfs); give the folder `boottest build` prints.");
        if (!File.Exists(Path.Combine(folder, TreeListing.FileName)))
            throw BootTestsException.Usage(Stage.Diff, $"{name} '{folder}' has no {TreeListing.FileName} (it was built by an older boottest); build it again, e.g. `boottest build --recipe … --out {folder}`.");
        return image;
    }

    private static List<string> ManifestChanges(ImageManifest a, ImageManifest b)
    {
        var changes = new List<string>();
        void Compare(string field, string? before, string? after)
        {
            if (before != after) changes.Add($"{field}: {before ?? "(none)"} → {after ?? "(none)"}");
        }
        Compare("recipe", a.Recipe, b.Recipe);
        Compare("layout", a.Layout, b.Layout);
        Compare("source", a.Source is { } sa ? $"{sa.Kind} {sa.Digest}" : "mmdebstrap", b.Source is { } sb ? $"{sb.Kind} {sb.Digest}" : "mmdebstrap");
        Compare("kernel", $"{a.KernelVersion} ({a.Kernel.Sha256[..12]})", $"{b.KernelVersion} ({b.Kernel.Sha256[..12]})");
        Compare("initramfs", $"{ByteText.Of(a.Initramfs.Bytes)} ({a.Initramfs.Sha256[..12]})", $"{ByteText.Of(b.Initramfs.Bytes)} ({b.Initramfs.Sha256[..12]})");
        Compare("rootfs bytes", ByteText.Of(a.RootfsBytes), ByteText.Of(b.RootfsBytes));
        Compare("tmpfs", a.TmpfsSize, b.TmpfsSize);
        Compare("memory", a.Memory, b.Memory);
        Compare("host key", a.HostKeyFingerprint, b.HostKeyFingerprint);
        Compare("sourceDateEpoch", a.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), b.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return changes;
    }

    private static (List<string> Lines, string Databases) PackageChanges(string folderA, string folderB)
    {
        var pathA = Path.Combine(folderA, PackageList.FileName);
        var pathB = Path.Combine(folderB, PackageList.FileName);
        if (!File.Exists(pathA) || !File.Exists(pathB)) return ([], "no package lists");
        var a = PackageList.Read(pathA);
        var b = PackageList.Read(pathB);
        var lines = new List<string>();
        foreach (var name in a.Versions.Keys.Union(b.Versions.Keys).Order(StringComparer.Ordinal))
        {
            var before = a.Versions.GetValueOrDefault(name);
            var after = b.Versions.GetValueOrDefault(name);
            if (before == after) continue;
            lines.Add(before is null ? $"+ {name} {after}" : after is null ? $"- {name} {before}" : $"~ {name} {before} → {after}");
        }
        return (lines, a.Database == b.Database ? a.Database : $"{a.Database} → {b.Database}");
    }
}
