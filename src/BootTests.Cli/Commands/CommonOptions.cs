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

    public static Option<string?> Append() => new("--append")
    {
        Description = "Extra kernel command line arguments (one string, appended to console=ttyS0 panic=-1)",
    };
}
