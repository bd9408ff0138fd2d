using BootTests.Guest;
using BootTests.Images;

namespace BootTests.Checks;

/// <summary>
/// /dev is the kernel's devtmpfs. The classic /init mounts a tmpfs on /dev and fills it with `mdev -s`: systemd's udev
/// then never announces dev-ttyS0.device and the serial getty waits 90 s for it. Other inits do not mind.
/// </summary>
public sealed class DevIsDevtmpfsCheck : IRamRootCheck
{
    private const string Expected = "/dev is a devtmpfs";

    public string Name => "dev-is-devtmpfs";

    public async Task<CheckResult> RunAsync(IGuestShell guest, CheckContext context, CancellationToken ct)
    {
        var mountInfo = await GuestFiles.ReadOrNullAsync(guest, "/proc/self/mountinfo", ct).ConfigureAwait(false);
        var dev = mountInfo is null ? null : GuestFiles.Lines(mountInfo).Select(MountInfoLine.Parse).LastOrDefault(m => m?.MountPoint == "/dev");
        var actual = dev is null ? "nothing is mounted on /dev" : $"/dev is {dev}";
        if (dev?.FsType == "devtmpfs") return new CheckResult(Name, true, Expected, actual);
        if (context.Init != InitSystem.Systemd)
            return CheckResult.NotApplicable(Name, Expected, $"{actual}; only systemd (udev's device units) needs a devtmpfs, and this guest runs {context.Init.Name()}");
        return new CheckResult(Name, false, Expected,
            $"{actual}: systemd waits 90 s for dev-ttyS0.device on it. The classic /init mounts a tmpfs on /dev and runs `mdev -s`; "
            + "mount the kernel's instead: `mount -t devtmpfs devtmpfs /dev` in /init (then `mount --move /dev /newroot/dev` as before)");
    }
}
