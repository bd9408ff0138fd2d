using BootTests.Images.Kernels;
using BootTests.Images.Sources;

namespace BootTests.Images.Lint;

/// <summary>What the lint looks at: the tree as it came (for what the fix-ups removed) and as it will be packed, the kernel, the source, the sizes.</summary>
public sealed record LintInput(MutableTree Original, MutableTree Final, KernelSource Kernel, Recipe Recipe)
{
    /// <summary>The read source of an imported tree (its OCI entrypoint, its xattrs); null for mmdebstrap.</summary>
    public SourceInfo? Source { get; init; }

    /// <summary>What the tree takes in a tmpfs.</summary>
    public long FootprintBytes { get; init; }

    public long MemoryBytes { get; init; }

    /// <summary>Modules the guest's NIC needs (QEMU's -device virtio-net-pci).</summary>
    public IReadOnlyList<string> NicModules { get; init; } = ["virtio_net", "virtio_pci"];

    /// <summary>The input for messages, e.g. "OCI image 'oci-archive:/srv/app.tar'".</summary>
    public string Input => Source is { } s ? $"{s.Kind} source '{s.Reference}'" : $"mmdebstrap tree of recipe {Recipe.Source}";
}
