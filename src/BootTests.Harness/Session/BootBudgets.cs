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

    // 30 s was missed once in a 20-boot soak while other VMs kept a 2-core host at load 17: firmware and the kernel's
    // decompressor print nothing, so a starved TCG guest shows an empty console for that long without being broken.
    public TimeSpan KernelStart { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan InitStart { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan Extract { get; init; } = TimeSpan.FromSeconds(240);
    /// <summary>switch_root (or the end of extraction) to the userspace init's first line, whichever init it is.</summary>
    public TimeSpan UserspaceStart { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan SshReady { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>How long SSH is still tried once systemd reached multi-user.target with no SSH server on the console.</summary>
    public TimeSpan SshAfterMultiUser { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long SSH is still tried once the login prompt shows with no SSH server on the console before it (systemd goes quiet once the getty owns the console; other inits may not say).</summary>
    public TimeSpan SshAfterLoginPrompt { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Under KVM, how long the firmware's and then the kernel's first output may take before KVM counts as stalled
    /// (a second where KVM works; on kvm_pvm hosts firmware runs and Linux never prints) and the boot falls back to TCG.
    /// </summary>
    public TimeSpan KvmFirstOutput { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>From the guest's poweroff command to QEMU's exit; past it QEMU is told to quit over QMP. systemd's shutdown under TCG took 5-15 s here.</summary>
    public TimeSpan PowerOff { get; init; } = TimeSpan.FromSeconds(60);

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
        UserspaceStart = UserspaceStart * factor,
        SshReady = SshReady * factor,
        SshAfterMultiUser = SshAfterMultiUser * factor,
        SshAfterLoginPrompt = SshAfterLoginPrompt * factor,
        PowerOff = PowerOff * factor,
        KvmFirstOutput = KvmFirstOutput,
    };
}
