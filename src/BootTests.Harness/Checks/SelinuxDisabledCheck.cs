using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>
/// SELinux is disabled in /etc/selinux/config and no SELinux policy is loaded (what getenforce calls Disabled), checked
/// without SELinux's own tools. A kernel booted with security=selinux keeps the LSM in its list and reports the context
/// "kernel" while no policy is loaded: that is still disabled. A loaded policy (permissive or enforcing) is not.
/// </summary>
public sealed class SelinuxDisabledCheck : IRamRootCheck
{
    private const string ConfigPath = "/etc/selinux/config";

    public string Name => "selinux-disabled";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var config = await GuestFiles.ReadOrNullAsync(guest, ConfigPath, ct).ConfigureAwait(false);
        var mode = config is null ? null : ConfiguredMode(config);
        var enforce = (await GuestFiles.ReadOrNullAsync(guest, "/sys/fs/selinux/enforce", ct).ConfigureAwait(false))?.Trim();
        var lsms = (await GuestFiles.ReadOrNullAsync(guest, "/sys/kernel/security/lsm", ct).ConfigureAwait(false))?.Trim();
        var processContext = (await GuestFiles.ReadOrNullAsync(guest, "/proc/self/attr/current", ct).ConfigureAwait(false))
            ?.Trim('\0', ' ', '\n');

        var configDisabled = string.Equals(mode, "disabled", StringComparison.OrdinalIgnoreCase);
        // selinuxfs exists once a policy is loaded; a process gets a user:role:type context only from a policy.
        var policyLoaded = enforce is not null || (processContext is not null && processContext.Contains(':', StringComparison.Ordinal));
        var runtime = !policyLoaded ? "no policy loaded" : enforce == "1" ? "a policy is loaded, enforcing" : "a policy is loaded, permissive";

        var actual = string.Join("; ",
            config is null ? $"{ConfigPath}: missing" : $"{ConfigPath}: SELINUX={mode ?? "(not set)"}",
            runtime,
            $"/sys/fs/selinux/enforce: {enforce ?? "absent"}",
            $"active LSMs: {lsms ?? "(unreadable)"}",
            $"process context: {(string.IsNullOrEmpty(processContext) ? "(none)" : processContext)}");
        return new CheckResult(Name, configDisabled && !policyLoaded,
            $"{ConfigPath}: SELINUX=disabled; no policy loaded (/sys/fs/selinux/enforce absent, no SELinux process context)", actual);
    }

    private static string? ConfiguredMode(string config) =>
        GuestFiles.Lines(config)
            .Where(line => line.StartsWith("SELINUX=", StringComparison.Ordinal))
            .Select(line => line["SELINUX=".Length..].Trim().Trim('"'))
            .LastOrDefault();
}
