using System.Security.Cryptography;
using System.Text;

namespace BootTests.Reports.Measurements;

/// <summary>
/// What makes boot times comparable between hosts: CPU model and cores, the accelerator, QEMU, the firmware and the
/// host kernel. Boots of different classes are different series; a baseline compares only within one.
/// </summary>
public sealed record HostClass(string CpuModel, int Cores, string Accelerator, string QemuVersion, string Firmware, string HostKernel)
{
    /// <summary>A short stable id of the class (12 hex digits), for grouping and file names.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\0', CpuModel, Cores, Accelerator, QemuVersion, Firmware, HostKernel))))[..12];

    /// <summary>"AMD EPYC 7B13 ×2, tcg, QEMU 7.2.22, SeaBIOS 1.16.2, host kernel 6.18.44".</summary>
    public string Describe() => $"{CpuModel} ×{Cores}, {Accelerator}, {QemuVersion}, {Firmware}, host kernel {HostKernel}";

    /// <summary>This host, for boots that used <paramref name="accelerator"/> and QEMU <paramref name="qemuVersion"/>.</summary>
    public static HostClass Read(string accelerator, string qemuVersion) =>
        new(HostCpu.ReadModelName(), Environment.ProcessorCount, accelerator, qemuVersion, Qemu.FirmwareVersion.Read(), Qemu.HostKvm.Read().KernelRelease);

    /// <summary>The class of a record written before host classes were recorded: what it kept, the rest unknown.</summary>
    public static HostClass OfOldRecord(BootRecord record) =>
        new(record.CpuModel, record.CpuCount, record.Accelerator, record.QemuVersion, Unknown, Unknown);

    /// <summary>True when every field both classes know is equal ("unknown", in records older than host classes, matches anything).</summary>
    public bool SameAs(HostClass other)
    {
        static bool Same(string a, string b) => a == b || a == Unknown || b == Unknown;
        return Same(CpuModel, other.CpuModel) && Cores == other.Cores && Same(Accelerator, other.Accelerator)
            && Same(QemuVersion, other.QemuVersion) && Same(Firmware, other.Firmware) && Same(HostKernel, other.HostKernel);
    }

    public const string Unknown = "unknown";

    /// <summary>Which fields differ from <paramref name="other"/>, as "QEMU 7.2.22 → 8.2.0; cores 2 → 8".</summary>
    public string Differences(HostClass other)
    {
        var changes = new List<string>();
        void Add(string what, string mine, string theirs)
        {
            if (mine != theirs) changes.Add($"{what} {mine} → {theirs}");
        }
        Add("CPU", CpuModel, other.CpuModel);
        Add("cores", Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("accelerator", Accelerator, other.Accelerator);
        Add("QEMU", QemuVersion, other.QemuVersion);
        Add("firmware", Firmware, other.Firmware);
        Add("host kernel", HostKernel, other.HostKernel);
        return string.Join("; ", changes);
    }
}
