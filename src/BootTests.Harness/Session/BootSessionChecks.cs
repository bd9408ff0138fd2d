using BootTests.Images;
using BootTests.Qemu;

namespace BootTests.Session;

/// <summary>The builder's options checked before anything is built or booted: each bad one is a usage error naming it and what to give.</summary>
internal static class BootSessionChecks
{
    public const int MaxCpus = 64;

    public static void Validate(BootSessionOptions options, int? memoryMiB)
    {
        if (options.Cpus is < 1 or > MaxCpus)
            throw BootTestsException.Usage(Stage.Boot, $"WithCpus({options.Cpus}): give 1 to {MaxCpus} CPUs.");
        if (memoryMiB is { } mib && mib < Recipe.MinimumMemoryMiB)
            throw BootTestsException.Usage(Stage.Memory, $"WithMemory({mib}): give at least {Recipe.MinimumMemoryMiB} MiB (what a systemd guest needs).");
        if (string.IsNullOrWhiteSpace(options.QemuBinary))
            throw BootTestsException.Usage(Stage.Boot, "WithQemuBinary(\"\"): give a QEMU binary, e.g. qemu-system-x86_64 or /usr/bin/qemu-system-x86_64.");
        foreach (var port in options.PortForwards)
        {
            if (port is < 1 or > 65535 || port == 22)
                throw BootTestsException.Usage(Stage.Boot, $"WithPortForward({port}): give a guest TCP port from 1 to 65535 other than 22 (SSH is always forwarded).");
        }
        if (options.PortForwards.Distinct().Count() != options.PortForwards.Count)
            throw BootTestsException.Usage(Stage.Boot, $"WithPortForward: guest port forwarded twice ({string.Join(", ", options.PortForwards)}).");
        if (QemuArgvPolicy.ExtraArgumentProblems(options.QemuArguments) is { Count: > 0 } problems)
            throw BootTestsException.Usage(Stage.Boot, $"WithQemuArguments: {string.Join("; ", problems)}.");
    }
}
