using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Session;

/// <summary>What to boot: a kernel + initramfs, how to log in, and what to expect of it.</summary>
public sealed record BootTarget(
    string Name,
    string KernelPath,
    string InitrdPath,
    int MemoryMiB,
    SshCredentials Credentials,
    HostKeyPin HostKey,
    string? KernelVersion,
    long? ExpectedTmpfsBytes)
{
    /// <summary>The initramfs is BootTests' own (it says when extraction ends); false for an image made elsewhere.</summary>
    public bool OurInit { get; init; }

    /// <summary>The userspace init the image was built for, when known; the console showing another is a failure.</summary>
    public InitSystem? ExpectedInit { get; init; }

    /// <summary>An image built by BootTests: its key logs in as root, its host key is pinned, its tmpfs size is known.</summary>
    public static BootTarget FromImage(BuiltImage image) => new(
        $"{image.Manifest.Recipe}/{image.Manifest.Layout}",
        image.KernelPath,
        image.InitramfsPath,
        (int)ByteSize.TryParse(image.Manifest.Memory)!.Value.MiB,
        SshCredentials.WithPrivateKeyFile("root", image.ClientKeyPath),
        HostKeyPin.Expect(image.Manifest.HostKeyFingerprint),
        image.Manifest.KernelVersion,
        image.Manifest.TmpfsBytes)
    {
        OurInit = true,
        ExpectedInit = InitSystems.TryParse(image.Manifest.Init) ?? InitSystem.Systemd,
    };
}
