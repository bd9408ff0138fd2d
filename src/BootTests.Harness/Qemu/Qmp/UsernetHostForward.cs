namespace BootTests.Qemu.Qmp;

/// <summary>One host-to-guest port forward listed by the monitor command <c>info usernet</c>.</summary>
public sealed record UsernetHostForward(string Protocol, string HostAddress, int HostPort, string GuestAddress, int GuestPort);
