namespace BootTests.Session;

/// <summary>
/// One milestone a boot waits for and its budget. A first-output step is where, under KVM, silence means KVM cannot run
/// this guest (the firmware's or the kernel's first line): it gets the short KVM budget and falls back instead of failing.
/// </summary>
public sealed record BootStep(string Milestone, TimeSpan Budget, bool FirstOutput = false);
