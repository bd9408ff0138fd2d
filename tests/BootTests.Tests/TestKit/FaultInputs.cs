using System.Text;
using BootTests.Images;
using BootTests.Images.Cpio;
using BootTests.Images.Payloads;
using BootTests.Tests.Boot;
using CliWrap;

namespace BootTests.Tests.TestKit;

/// <summary>Broken boot inputs made from the cached default image or by hand: truncated, corrupt, tiny initramfs files with one flaw.</summary>
internal static class FaultInputs
{
    private const long Mtime = 1_700_000_000;

    public static Task<BuiltImage> DefaultImageAsync() => BootedVm.BuildAsync(BootedVm.DefaultRecipe);

    /// <summary>The first <paramref name="bytes"/> of <paramref name="source"/>.</summary>
    public static string Truncated(string source, long bytes, string destination)
    {
        using (var input = File.OpenRead(source))
        using (var output = File.Create(destination))
        {
            var buffer = new byte[1 << 20];
            var left = bytes;
            while (left > 0)
            {
                var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0) break;
                output.Write(buffer, 0, read);
                left -= read;
            }
        }
        new FileInfo(destination).Length.Should().Be(bytes);
        return destination;
    }

    /// <summary>A copy of <paramref name="source"/> with <paramref name="length"/> bytes of (seeded) garbage at <paramref name="offset"/>.</summary>
    public static string Corrupted(string source, long offset, int length, string destination)
    {
        File.Copy(source, destination, overwrite: true);
        var garbage = new byte[length];
        new Random(20261126).NextBytes(garbage);
        using var output = new FileStream(destination, FileMode.Open, FileAccess.Write);
        output.Seek(offset, SeekOrigin.Begin);
        output.Write(garbage);
        return destination;
    }

    /// <summary>A small initramfs: BusyBox, /dev/console and the given /init (none when null), written by our cpio writer.</summary>
    public static string TinyInitramfs(string? initScript, string destination)
    {
        InitramfsBase.RequireStaticBusyBox();
        var entries = InitramfsBase.Entries(initScript ?? "", Mtime);
        if (initScript is null) entries.RemoveAll(e => e.Path == "init");
        using var output = File.Create(destination);
        CpioNewcWriter.Write(output, entries, CpioWriteOptions.Default);
        return destination;
    }

    /// <summary>The classic RAM-root /init's failure path: the rootfs tarball is missing, so it says so and drops into a shell.</summary>
    public const string ClassicInitWithoutRootfs = """
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        export PATH=/bin
        mount -t proc proc /proc
        mount -t tmpfs -o size=64m tmpfs /newroot
        echo "Extracting rootfs..."
        set -o pipefail
        if ! xz -dc /rootfs.tar.xz | tar -x -C /newroot; then
            echo "Extracting the rootfs failed."
            echo "Jumping into the shell..."
            exec sh
        fi
        exec switch_root /newroot /sbin/init
        """;

    /// <summary>Our own /init with no payload next to it: it stops at its first extraction step with its error marker.</summary>
    public static string RealInitWithoutPayload => InitScript.Render(ImageLayout.Fast, ByteSize.FromMiB(64));

    /// <summary>A fresh ed25519 key the guest has never heard of.</summary>
    public static async Task<string> StrangerKeyAsync(string destination)
    {
        await CliWrap.Cli.Wrap("ssh-keygen").WithArguments(["-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", destination]).ExecuteAsync();
        return destination;
    }

    /// <summary>Not a kernel: a text file with a kernel's name.</summary>
    public static string NotAKernel(string destination)
    {
        File.WriteAllText(destination, "#!/bin/sh\necho this is not a kernel\n", Encoding.ASCII);
        return destination;
    }

    /// <summary>`boottest verify` of a kernel + initramfs, logging in with the image's key and pinning its host key.</summary>
    public static string[] Verify(BuiltImage image, string? kernel = null, string? initrd = null, string memory = "2G", string? accel = null, string? key = null, string? append = null, string? hostKey = null)
    {
        var args = new List<string>
        {
            "verify", "--kernel", kernel ?? image.KernelPath, "--initrd", initrd ?? image.InitramfsPath, "--memory", memory,
            "--ssh-key", key ?? image.ClientKeyPath, "--host-key", hostKey ?? image.Manifest.HostKeyFingerprint,
            "--tmpfs-size", image.Manifest.TmpfsSize,
        };
        // Without --accel the child follows $BOOTTESTS_ACCEL like every command: the suite runs under what the host allows.
        if (accel is not null) args.AddRange(["--accel", accel]);
        if (append is not null) args.AddRange(["--append", append]);
        return [.. args];
    }
}
