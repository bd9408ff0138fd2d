namespace BootTests.Qemu;

/// <summary>What the host says about its KVM: the device, the loaded kvm* modules, the host kernel and CPU; none of it is proof that KVM runs Linux.</summary>
public sealed record HostKvm(bool DevicePresent, IReadOnlyList<string> Modules, string KernelRelease, string CpuVendor, string CpuModel)
{
    /// <summary>Reads the host: <paramref name="kvmDevice"/>, /sys/module/kvm*, /proc/sys/kernel/osrelease, /proc/cpuinfo.</summary>
    public static HostKvm Read(string kvmDevice = "/dev/kvm") => new(
        File.Exists(kvmDevice),
        Directory.Exists("/sys/module")
            ? Directory.EnumerateDirectories("/sys/module", "kvm*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [],
        ReadOr("/proc/sys/kernel/osrelease", Environment.OSVersion.VersionString),
        CpuInfo("vendor_id"),
        CpuInfo("model name"));

    /// <summary>One line for messages: "kvm modules kvm, kvm_pvm; AuthenticAMD AMD EPYC; host kernel 6.18.44".</summary>
    public string Describe() =>
        $"{(Modules.Count == 0 ? "no kvm module loaded" : "kvm modules " + string.Join(", ", Modules))}; CPU {CpuVendor} {CpuModel}; host kernel {KernelRelease}";

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    private static string CpuInfo(string field)
    {
        var line = ReadOr("/proc/cpuinfo", "").Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
