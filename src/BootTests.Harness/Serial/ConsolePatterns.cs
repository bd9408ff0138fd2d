using System.Text.RegularExpressions;

namespace BootTests.Serial;

/// <summary>The regular expressions of the default catalogue, generated at compile time.</summary>
internal static partial class ConsolePatterns
{
    [GeneratedRegex(@"^(?:SeaBIOS \(version |iPXE \(http|\s*GNU GRUB|Booting from ROM\.\.\.|BdsDxe: )")]
    internal static partial Regex FirmwareBanner();

    [GeneratedRegex(@"^boottests: bootloader\b")]
    internal static partial Regex Bootloader();

    // GRUB echoes the first, iPXE prints the second once a fetch is complete ("URL... ok", progress wiped by backspaces).
    [GeneratedRegex(@"^(?:boottests: kernel-loaded\b|https?://\S*/(?:vmlinuz|bzImage|linux|kernel)[^/\s]*\.\.\.\s*ok\s*$)")]
    internal static partial Regex KernelLoaded();

    [GeneratedRegex(@"^(?:boottests: initrd-loaded\b|https?://\S*/(?:initrd|initramfs)[^/\s]*\.\.\.\s*ok\s*$)")]
    internal static partial Regex InitrdLoaded();

    [GeneratedRegex(@"^error: (?<reason>file '[^']*' not found)")]
    internal static partial Regex GrubFileNotFound();

    [GeneratedRegex(@"^error: (?<reason>out of memory)")]
    internal static partial Regex GrubOutOfMemory();

    [GeneratedRegex(@"^error: (?<reason>you need to load the kernel first|invalid magic number|premature end of file.*|can't allocate initrd.*)")]
    internal static partial Regex GrubLoadError();

    // iPXE prints "URL... <error text> (http://ipxe.org/XXXXXXXX)" for a fetch that failed, and "Could not boot..." after it.
    // The serial copy wraps at 80 columns, so the error code may sit on the next line: match up to "(http://ipxe.org/".
    [GeneratedRegex(@"^(?<reason>https?://\S+\.\.\.\s*[A-Z][^(%]*?)\s*\(https?://ipxe\.org/")]
    internal static partial Regex IpxeFetchFailed();

    [GeneratedRegex(@"^Could not boot(?: image)?:?\s*(?<reason>.*)")]
    internal static partial Regex IpxeCouldNotBoot();

    [GeneratedRegex(@"^No bootable device\.")]
    internal static partial Regex NoBootableDevice();

    [GeneratedRegex(@"^Linux version \d")]
    internal static partial Regex LinuxVersion();

    [GeneratedRegex(@"^(?:boottests: init-start\b|Run \S+ as init process)")]
    internal static partial Regex InitStart();

    [GeneratedRegex(@"^(?:boottests: extract-begin\b|Extracting rootfs\.\.\.)")]
    internal static partial Regex ExtractBegin();

    [GeneratedRegex(@"^boottests: extract-end\b")]
    internal static partial Regex ExtractEnd();

    [GeneratedRegex(@"^boottests: switch-root\b")]
    internal static partial Regex SwitchRoot();

    [GeneratedRegex(@"^systemd\[1\]: ")]
    internal static partial Regex SystemdPid1();

    [GeneratedRegex(@"^(?:systemd\[1\]: systemd \d\S* running in system mode|Welcome to (?!GRUB!).+!\s*$)")]
    internal static partial Regex SystemdStart();

    // systemd's unit line; Debian's LSB script under sysvinit or OpenRC ("Starting OpenBSD Secure Shell server: sshd.", whose "." a
    // concurrent boot's getty sometimes pushes to the next line),
    // OpenRC's own ("* Starting sshd ..."), Debian's dropbear script and Buildroot-style rc scripts ("Starting dropbear sshd: OK").
    [GeneratedRegex(@"\bStarted\b.*(?:\bssh\.service|\bsshd\.service|OpenBSD Secure Shell server)|^Starting OpenBSD Secure Shell server: sshd(?:\.|$)|^\s*\* Starting sshd\b|^Starting (?:dropbear sshd: OK|Dropbear SSH server: dropbear\.)")]
    internal static partial Regex SshdStarted();

    [GeneratedRegex(@"^INIT: version \S+ booting")]
    internal static partial Regex SysvinitStart();

    [GeneratedRegex(@"^\s*OpenRC \S+ is starting up")]
    internal static partial Regex OpenRcStart();

    // Debian's LSB scripts end a failed start with "failed!"; startpar sums them up.
    [GeneratedRegex(@"^startpar: service\(s\) returned failure: (?<reason>.+?)\s*(?:\.\.\. failed!)?\s*$")]
    internal static partial Regex StartparFailure();

    [GeneratedRegex(@"^(?<reason>Starting .+\S)\s+failed!\s*$")]
    internal static partial Regex LsbStartFailed();

    [GeneratedRegex(@"^\s*\* ERROR: (?<reason>.+? failed to start)")]
    internal static partial Regex OpenRcServiceFailed();

    [GeneratedRegex(@"\bReached target\b.*(?:\bmulti-user\.target|Multi-User System)")]
    internal static partial Regex MultiUser();

    [GeneratedRegex(@"^[A-Za-z0-9][\w.-]* login:(?: |$)")]
    internal static partial Regex LoginPrompt();

    [GeneratedRegex(@"\bKernel panic\b(?: - not syncing: (?<reason>.*))?")]
    internal static partial Regex KernelPanic();

    [GeneratedRegex(@"^Oops: (?<reason>.*)")]
    internal static partial Regex KernelOops();

    [GeneratedRegex(@"^(?:kernel )?BUG: (?<reason>.*)")]
    internal static partial Regex KernelBug();

    [GeneratedRegex(@"^boottests: error (?<stage>[^:]+): (?<reason>.*)")]
    internal static partial Regex InitError();

    [GeneratedRegex(@"Jumping into the shell\.\.\.")]
    internal static partial Regex JumpingIntoShell();

    [GeneratedRegex(@"No space left on device")]
    internal static partial Regex NoSpaceLeft();

    [GeneratedRegex(@"\bOut of memory: |\binvoked oom-killer\b")]
    internal static partial Regex OutOfMemory();

    [GeneratedRegex(@"VFS: Unable to mount root fs")]
    internal static partial Regex UnableToMountRoot();

    [GeneratedRegex(@"You are in emergency mode|Entering emergency mode")]
    internal static partial Regex EmergencyMode();

    [GeneratedRegex(@"Timed out waiting for device (?<reason>.*)")]
    internal static partial Regex DeviceTimeout();

    [GeneratedRegex(@"Dependency failed for (?<reason>.*)")]
    internal static partial Regex DependencyFailed();

    [GeneratedRegex(@"Failed to start (?<reason>.*)")]
    internal static partial Regex FailedToStart();
}
