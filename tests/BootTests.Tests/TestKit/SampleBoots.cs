using BootTests.Reports;
using BootTests.Reports.Measurements;

namespace BootTests.Tests.TestKit;

/// <summary>Boot records shaped like real ones (milestones of a recorded fast boot under TCG), with totals to vary.</summary>
internal static class SampleBoots
{
    public static IReadOnlyList<ReportMilestone> Milestones(double scale = 1) =>
    [
        new("kernel-start", 4.6 * scale, 0.0),
        new("init-start", 14.4 * scale, 9.3),
        new("extract-begin", 14.6 * scale, null),
        new("extract-end", 18.5 * scale, null),
        new("switch-root", 18.6 * scale, null),
        new("systemd-start", 19.2 * scale, 14.1),
        new("sshd-started", 26.2 * scale, null),
        new("multi-user", 26.4 * scale, null),
        new("login-prompt", 27.8 * scale, null),
        new("ssh-ready", 30.7 * scale, null),
    ];

    public static BootRecord Boot(string layout = "fast", string accelerator = "tcg", double scale = 1, int minute = 0) => new(
        new DateTimeOffset(2026, 11, 26, 6, minute, 0, TimeSpan.Zero), layout, "debian-bookworm", accelerator, "7.2.11", "6.1.0-28-amd64",
        "AMD EPYC 7B13", 2, "ab12", Milestones(scale), "Startup finished in 9.3s (kernel) + 12.1s (userspace) = 21.4s");
}
