using BootTests.Images.Fixups;
using BootTests.Images.Lint;

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

    /// <summary>Where SourceDateEpoch came from: the recipe, $SOURCE_DATE_EPOCH, the source tree, or the rootfs build.</summary>
    public string SourceDateEpochFrom { get; init; } = "";

    /// <summary>The imported source (kind, reference, digest); null for an mmdebstrap tree.</summary>
    public ManifestSource? Source { get; init; }

    /// <summary>tree, default, file or none; and in words, e.g. "the default recipe's kernel 6.1.0-57-amd64".</summary>
    public string KernelOrigin { get; init; } = "tree";

    public string KernelFrom { get; init; } = "";

    /// <summary>Each classic fix-up and the kernel modules step: done, not needed or not applicable, with what.</summary>
    public IReadOnlyList<FixupOutcome> Fixups { get; init; } = [];

    /// <summary>The bootability lint's warnings (its errors stop the build).</summary>
    public IReadOnlyList<LintFinding> Warnings { get; init; } = [];
}

/// <summary>The source an imported tree was read from, and the digest of its content.</summary>
public sealed record ManifestSource(string Kind, string Reference, string Digest);

/// <summary>A file of the image with its digest and size.</summary>
public sealed record ManifestFile(string File, string Sha256, long Bytes);
