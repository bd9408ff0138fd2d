using System.Net.Sockets;
using Renci.SshNet.Common;

namespace BootTests.Guest;

/// <summary>Which connection errors mean "sshd is not answering yet" and are worth another attempt.</summary>
internal static class SshTransientFailure
{
    // QEMU's user network accepts the TCP connection itself and only then tries the guest, so a guest
    // without sshd shows up as a reset, a closed socket mid-handshake or a missing banner, not only as "refused".
    public static bool IsTransient(Exception error) => error switch
    {
        SshAuthenticationException => false,
        SocketException or SshConnectionException or SshOperationTimeoutException or IOException or ProxyException => true,
        ObjectDisposedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
