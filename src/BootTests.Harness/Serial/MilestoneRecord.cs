namespace BootTests.Serial;

/// <summary>When a milestone was first reached: seconds since QEMU started, and the guest's printk time if the line had one.</summary>
/// <remarks>Inferred is true when no line announced the milestone and a later line proved it had happened.</remarks>
public sealed record MilestoneRecord(string Name, double HostSeconds, double? GuestSeconds, bool Inferred = false);
