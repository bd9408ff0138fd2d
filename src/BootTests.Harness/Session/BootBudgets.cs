namespace BootTests.Session;

/// <summary>How long each stage may take before the boot counts as stuck; defaults are sized for TCG (ten times slower than KVM).</summary>
public sealed record BootBudgets
{
    /// <summary>QEMU start to GRUB's config or iPXE's script (boot via grub or ipxe): firmware, option ROMs, DHCP.</summary>
    public TimeSpan Bootloader { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Bootloader to kernel and initramfs in memory: GRUB reading the CD, or iPXE's HTTP download.</summary>
    public TimeSpan Load { get; init; } = TimeSpan.FromSeconds(240);

    /// <summary>Bootloader done to the kernel's first console line (boot via grub or ipxe); under TCG this took 13-20 s here against ~4 s from QEMU start on a direct boot.</summary>
    public TimeSpan Handover { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan KernelStart { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InitStart { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan Extract { get; init; } = TimeSpan.FromSeconds(240);
    public TimeSpan SystemdStart { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan SshReady { get; init; } = TimeSpan.FromSeconds(150);

    public static BootBudgets Default { get; } = new();

    /// <summary>Every budget multiplied by a factor, e.g. 0.3 under KVM.</summary>
    public BootBudgets Scaled(double factor) => new()
    {
        Bootloader = Bootloader * factor,
        Load = Load * factor,
        Handover = Handover * factor,
        KernelStart = KernelStart * factor,
        InitStart = InitStart * factor,
        Extract = Extract * factor,
        SystemdStart = SystemdStart * factor,
        SshReady = SshReady * factor,
    };
}
