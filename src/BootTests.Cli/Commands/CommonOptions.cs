using System.CommandLine;

namespace BootTests.Cli.Commands;

using Console = System.Console;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public static Option<string?> Recipe() => new("--recipe")
    {
        Description = "Recipe JSON file, or the name of an embedded one (default: debian-bookworm)",
    };

    public static Option<string> Layout() => new("--layout")
    {
        Description = "Initramfs layout: seed (the classic procedure) or fast",
        DefaultValueFactory = _ => "fast",
    };

    public static Option<bool> NoCache() => new("--no-cache") { Description = "Rebuild the rootfs and image even if cached" };

    public static Option<string> Accel() => new("--accel")
    {
        Description = "Accelerator: auto (probe KVM, fall back to TCG with a warning), kvm or tcg",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string> BootVia() => new("--boot-via")
    {
        Description = "How the kernel and initramfs are loaded: direct (QEMU -kernel/-initrd), grub (GRUB from a CD image, BIOS), grub-uefi (the same CD under OVMF) or ipxe (the NIC's iPXE ROM over HTTP from the harness)",
        DefaultValueFactory = _ => "direct",
    };

    /// <summary>The parsed --boot-via value; anything else is a usage error naming the allowed values.</summary>
    public static BootTests.BootMedia.BootVia ParseBootVia(string text) =>
        BootTests.BootMedia.BootViaNames.TryParse(text)
        ?? throw BootTestsException.Usage("boot-via", $"--boot-via '{text}' is not one of {string.Join(", ", BootTests.BootMedia.BootViaNames.All)}.");

    public static Option<string?> Append() => new("--append")
    {
        Description = "Extra kernel command line arguments (one string, appended to console=ttyS0 panic=-1)",
    };
}
