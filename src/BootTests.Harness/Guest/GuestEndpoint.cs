namespace BootTests.Guest;

/// <summary>Where the guest's sshd is reachable from the host (usually QEMU's forwarded port on 127.0.0.1).</summary>
public sealed record GuestEndpoint(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
