namespace BootTests.Session;

/// <summary>How long each stage may take before the boot counts as stuck; defaults are sized for TCG (ten times slower than KVM).</summary>
public sealed record BootBudgets
{
    // 30 s was missed once in a 20-boot soak while other VMs kept a 2-core host at load 17: firmware and the kernel's
    // decompressor print nothing, so a starved TCG guest shows an empty console for that long without being broken.
    public TimeSpan KernelStart { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan InitStart { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan Extract { get; init; } = TimeSpan.FromSeconds(240);
    public TimeSpan SystemdStart { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan SshReady { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>How long SSH is still tried once multi-user.target is reached with no sshd on the console.</summary>
    public TimeSpan SshAfterMultiUser { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long SSH is still tried once the login prompt shows with no sshd on the console before it.</summary>
    public TimeSpan SshAfterLoginPrompt { get; init; } = TimeSpan.FromSeconds(25);

    public static BootBudgets Default { get; } = new();

    /// <summary>Every budget multiplied by a factor, e.g. 0.3 under KVM.</summary>
    public BootBudgets Scaled(double factor) => new()
    {
        KernelStart = KernelStart * factor,
        InitStart = InitStart * factor,
        Extract = Extract * factor,
        SystemdStart = SystemdStart * factor,
        SshReady = SshReady * factor,
        SshAfterMultiUser = SshAfterMultiUser * factor,
        SshAfterLoginPrompt = SshAfterLoginPrompt * factor,
    };
}
