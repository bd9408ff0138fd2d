using BootTests.Guest;

namespace BootTests.Checks;

/// <summary>No block device backs <c>/</c> and the kernel was not told to mount one (no <c>root=</c>).</summary>
public sealed class NoBlockRootCheck : IRamRootCheck
{
    public string Name => "no-block-root";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var mountInfo = await GuestFiles.ReadOrNullAsync(guest, "/proc/self/mountinfo", ct).ConfigureAwait(false);
        var root = mountInfo is null ? null : MountInfoLine.RootOf(mountInfo);
        var cmdline = (await GuestFiles.ReadOrNullAsync(guest, "/proc/cmdline", ct).ConfigureAwait(false))?.Trim();
        var rootArgument = cmdline?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(argument => argument.StartsWith("root=", StringComparison.Ordinal));

        var rootIsAnonymous = root is not null && root.IsAnonymousDevice && !root.Source.StartsWith("/dev/", StringComparison.Ordinal);
        var passed = rootIsAnonymous && cmdline is not null && rootArgument is null;
        var rootText = root is null ? "/ not found in /proc/self/mountinfo" : $"/ is {root}";
        var cmdlineText = cmdline is null ? "/proc/cmdline unreadable" : rootArgument is null ? "no root= on the kernel command line" : $"kernel command line has {rootArgument}";
        return new CheckResult(
            Name,
            passed,
            "/ on an anonymous device (0:N), source not /dev/…; no root= on the kernel command line",
            $"{rootText}; {cmdlineText}");
    }
}
