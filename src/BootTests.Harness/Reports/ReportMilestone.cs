namespace BootTests.Reports;

/// <summary>When a boot milestone was seen: seconds since QEMU started on the host, and the guest's own clock if printed.</summary>
public sealed record ReportMilestone(string Name, double HostSeconds, double? GuestSeconds);
