namespace BootTests.Images;

/// <summary>What manifest.json beside an image says about it.</summary>
public sealed record ImageManifest
{
    public required string Recipe { get; init; }
    public required string RecipeSource { get; init; }
    public required string Layout { get; init; }
    public required string KernelVersion { get; init; }
    public required long RootfsBytes { get; init; }
    public required string TmpfsSize { get; init; }
    public required long TmpfsBytes { get; init; }
    public required string Memory { get; init; }
    public required string HostKeyFingerprint { get; init; }
    public required ManifestFile Kernel { get; init; }
    public required ManifestFile Initramfs { get; init; }
    public required string ClientKey { get; init; }
    public required string CacheKey { get; init; }
    public required long SourceDateEpoch { get; init; }
    public required double BuildSeconds { get; init; }

    /// <summary>The userspace init the tree was built for (manifests from before this field: systemd).</summary>
    public string Init { get; init; } = "systemd";

    /// <summary>The SSH server in the tree (manifests from before this field: openssh).</summary>
    public string SshServer { get; init; } = "openssh";
}

/// <summary>A file of the image with its digest and size.</summary>
public sealed record ManifestFile(string File, string Sha256, long Bytes);
