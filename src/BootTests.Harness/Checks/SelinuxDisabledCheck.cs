using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>SELinux is disabled in /etc/selinux/config and not active in the running kernel (checked without getenforce).</summary>
public sealed class SelinuxDisabledCheck : IRamRootCheck
{
    private const string ConfigPath = "/etc/selinux/config";

    public string Name => "selinux-disabled";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var config = await GuestFiles.ReadOrNullAsync(guest, ConfigPath, ct).ConfigureAwait(false);
        var mode = config is null ? null : ConfiguredMode(config);
        var enforceFile = await GuestFiles.ExistsAsync(guest, "/sys/fs/selinux/enforce", ct).ConfigureAwait(false);
        var lsms = (await GuestFiles.ReadOrNullAsync(guest, "/sys/kernel/security/lsm", ct).ConfigureAwait(false))?.Trim();
        var processContext = (await GuestFiles.ReadOrNullAsync(guest, "/proc/self/attr/current", ct).ConfigureAwait(false))
            ?.Trim('\0', ' ', '\n');

        var configDisabled = string.Equals(mode, "disabled", StringComparison.OrdinalIgnoreCase);
        var lsmActive = lsms is not null && lsms.Split(',').Contains("selinux");
        var kernelOff = !enforceFile && !lsmActive && !LooksLikeSelinuxContext(processContext);

        var actual = string.Join("; ",
            config is null ? $"{ConfigPath}: missing" : $"{ConfigPath}: SELINUX={mode ?? "(not set)"}",
            $"/sys/fs/selinux/enforce: {(enforceFile ? "present" : "absent")}",
            $"active LSMs: {lsms ?? "(unreadable)"}",
            $"process context: {(string.IsNullOrEmpty(processContext) ? "(none)" : processContext)}");
        return new CheckResult(
            Name,
            configDisabled && kernelOff,
            $"{ConfigPath}: SELINUX=disabled; /sys/fs/selinux/enforce: absent; selinux not among active LSMs; no SELinux process context",
            actual);
    }

    private static string? ConfiguredMode(string config) =>
        GuestFiles.Lines(config)
            .Where(line => line.StartsWith("SELINUX=", StringComparison.Ordinal))
            .Select(line => line["SELINUX=".Length..].Trim().Trim('"'))
            .LastOrDefault();

    // SELinux contexts are user:role:type[:level]; "kernel" is what an SELinux kernel without a policy reports.
    private static bool LooksLikeSelinuxContext(string? processContext) =>
        processContext is not null && (processContext.Contains(':', StringComparison.Ordinal) || processContext == "kernel");
}
