using BootTests.Checks;
using BootTests.Reports;

namespace BootTests.Tests.TestKit;

/// <summary>Reports of a good run, a run with a failed check and a run whose boot failed.</summary>
internal static class SampleReports
{
    public static RunReport Passing { get; } = new(
        Accelerator: "tcg",
        QemuVersion: "7.2.22",
        KernelVersion: "6.1.0-40-amd64",
        BootVia: "initramfs",
        Milestones: [new ReportMilestone("init-started", 4.8, 1.2), new ReportMilestone("ssh-ready", 31.5, null)],
        Checks:
        [
            new CheckResult("root-is-tmpfs", true, "tmpfs, 1536 MiB", "tmpfs, 1536 MiB") { Seconds = 0.42 },
            new CheckResult("fstab-empty", true, "no entries in /etc/fstab", "no entries") { Seconds = 0.2 },
        ],
        Warnings: [],
        Failure: null,
        Artifacts: new Dictionary<string, string> { ["consoleLog"] = "/runs/1/console.log", ["qemu-argv"] = "/runs/1/qemu.argv" },
        HostKeyPinned: true,
        HostKeyFingerprint: "SHA256:DNOz+b3WBG8dAnIXaCBTiQc3vMSu66fJyBXEHb3CVkc",
        Attempts: [new ReportAttempt("tcg", ReportAttempt.Booted, null, 31.5, "/runs/1")])
    {
        Target = "debian-bookworm/fast",
        Timestamp = new DateTimeOffset(2026, 12, 1, 11, 2, 26, TimeSpan.Zero),
        DurationSeconds = 40.25,
    };

    public static RunReport WithFailedCheck { get; } = Passing with
    {
        Checks =
        [
            new CheckResult("root-is-tmpfs", false, "tmpfs, 1536 MiB", "rootfs"),
            new CheckResult("fstab-empty", true, "no entries in /etc/fstab", "no entries"),
        ],
        Warnings = ["[    3.1] WARNING: <odd> & \"quoted\""],
    };

    public static RunReport WithBootFailure { get; } = Passing with
    {
        Checks = [],
        Failure = new ReportFailure(
            "ssh",
            "SSH to 127.0.0.1:2222 did not become ready within 60 s (120 attempts).",
            ["\u001b[0;32m  OK  \u001b[0m] Started ssh.service", "Kernel panic - not syncing: <VFS> & \"root\""]),
        HostKeyFingerprint = null,
    };
}
