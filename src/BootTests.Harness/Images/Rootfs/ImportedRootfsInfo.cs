using BootTests.Images.Kernels;

namespace BootTests.Images.Rootfs;

/// <summary>What rootfs.json in the folder of an imported tree records: the source's digest, the kernel, the kept keys' fingerprint.</summary>
internal sealed record ImportedRootfsInfo(string Key, string Kind, string Reference, string SourceDigest, KernelSource Kernel, string HostKeyFingerprint, string Recipe);
