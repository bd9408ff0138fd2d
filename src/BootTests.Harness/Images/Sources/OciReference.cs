namespace BootTests.Images.Sources;

/// <summary>An oci source as the recipe names it (skopeo's syntax): transport, a local path made absolute, and an optional tag or reference.</summary>
public sealed record OciReference(string Transport, string? Path, string? Tag, string Remote)
{
    public bool IsRemote => Transport == "docker://";

    /// <summary>Parses oci:PATH[:TAG], oci-archive:PATH[:TAG], docker-archive:PATH[:REF] or docker://REF; local paths are resolved against the recipe.</summary>
    public static OciReference Parse(string image, Func<string, string> resolve)
    {
        var transport = Images.RecipeValidator.OciTransports.First(t => image.StartsWith(t, StringComparison.Ordinal));
        var rest = image[transport.Length..];
        if (transport == "docker://") return new OciReference(transport, null, null, rest);
        var (path, tag) = SplitPath(rest);
        return new OciReference(transport, resolve(path), tag, "");
    }

    /// <summary>skopeo's rule: the first ':' ends the path (so a path cannot hold one), the rest is the tag.</summary>
    public static (string Path, string? Tag) SplitPath(string rest)
    {
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (rest, null) : (rest[..colon], rest[(colon + 1)..]);
    }

    /// <summary>The reference skopeo is given; the local path goes through <paramref name="link"/>, a plain-named link to it, so no ':' or ',' in the real path confuses skopeo.</summary>
    public string ForSkopeo(string? link) => IsRemote ? Transport + Remote : Transport + (link ?? Path) + (Tag is null ? "" : ":" + Tag);

    public override string ToString() => IsRemote ? Transport + Remote : Transport + Path + (Tag is null ? "" : ":" + Tag);
}
