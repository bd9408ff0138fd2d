namespace BootTests.Tests.TestKit;

/// <summary>Canned answers of a correctly booted RAM-root guest with a 1536 MiB tmpfs root; tests break one thing each.</summary>
internal static class GoodRamRootGuest
{
    public const long TmpfsBytes = 1536L * 1024 * 1024;

    public const string MountInfo =
        "22 1 0:21 / / rw,relatime shared:1 - tmpfs tmpfs rw,size=1572864k,mode=755\n" +
        "23 22 0:5 / /dev rw,nosuid shared:2 - devtmpfs devtmpfs rw,size=1010000k,nr_inodes=252500,mode=755\n" +
        "24 22 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n" +
        "25 22 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n";

    public static FakeGuest Create() => new FakeGuest()
        .WithFile("/proc/self/mountinfo", MountInfo)
        .WithCommand("stat -f -c '%b %S' /", "393216 4096\n")
        .WithFile("/etc/selinux/config", "# managed by the image\nSELINUX=disabled\nSELINUXTYPE=default\n")
        .WithFile("/sys/kernel/security/lsm", "lockdown,capability,landlock,yama,apparmor,tomoyo,bpf")
        .WithFile("/proc/self/attr/current", "unconfined\n")
        .WithFile("/etc/fstab", "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n\n")
        .WithCommand("systemctl show -p TTYVTDisallocate getty@tty1.service", "TTYVTDisallocate=no\n")
        .WithFile("/etc/systemd/system/getty@.service.d/noclear.conf", "[Service]\nTTYVTDisallocate=no\n")
        .WithFile("/proc/cmdline", "console=ttyS0,115200 rdinit=/init quiet\n")
        .WithCommand("timeout 60 systemctl is-system-running --wait", "running\n")
        .WithCommand("systemctl --failed --plain --no-legend", "")
        .WithCommand("systemctl list-jobs --plain --no-legend", "")
        .WithCommand(BootTests.Checks.GuestInit.Probe, "systemd\n/usr/lib/systemd/systemd\n");
}
