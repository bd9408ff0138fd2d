using BootTests.Qemu.Qmp;

namespace BootTests.Tests.Qemu.Qmp;

[Category(Categories.Unit)]
public class UsernetInfoTests
{
    // As QEMU 7.2 prints it for -netdev user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22.
    private const string OneForward =
        "Hub -1 (n0):\r\n"
        + "  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n"
        + "  TCP[HOST_FORWARD]   8       127.0.0.1 40563       10.0.2.15    22     0     0\r\n";

    private const string SeveralHubs =
        "Hub -1 (n0):\r\n"
        + "  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n"
        + "  TCP[HOST_FORWARD]   8       127.0.0.1 35751       10.0.2.15    22     0     0\r\n"
        + "  UDP[HOST_FORWARD]   9       127.0.0.1 40001       10.0.2.15    53     0     0\r\n"
        + "  TCP[ESTABLISHED]   12       10.0.2.15 51234        10.0.2.2    80     0     0\r\n"
        + "Hub -1 (n1):\r\n"
        + "  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n"
        + "  TCP[HOST_FORWARD]  10               * 38080       10.0.2.15  8080     0     0\r\n";

    [Test]
    public void Finds_the_host_port_forwarded_to_guest_port_22()
    {
        UsernetInfo.FindTcpHostPort(OneForward, 22).Should().Be(40563);
    }

    [Test]
    public void Reads_every_host_forward_of_every_hub_and_skips_other_connections()
    {
        UsernetInfo.ParseHostForwards(SeveralHubs).Should().Equal(
            new UsernetHostForward("TCP", "127.0.0.1", 35751, "10.0.2.15", 22),
            new UsernetHostForward("UDP", "127.0.0.1", 40001, "10.0.2.15", 53),
            new UsernetHostForward("TCP", "*", 38080, "10.0.2.15", 8080));
    }

    [Test]
    public void Finds_a_forward_on_a_later_hub()
    {
        UsernetInfo.FindTcpHostPort(SeveralHubs, 8080).Should().Be(38080);
    }

    [Test]
    public void Gives_no_port_when_no_forward_targets_the_guest_port()
    {
        UsernetInfo.FindTcpHostPort(OneForward, 2222).Should().BeNull();
    }

    [Test]
    public void Ignores_a_udp_forward_when_asked_for_a_tcp_port()
    {
        UsernetInfo.FindTcpHostPort(SeveralHubs, 53).Should().BeNull();
    }

    [Test]
    public void Finds_nothing_in_a_listing_without_forwards()
    {
        UsernetInfo.ParseHostForwards("Hub -1 (n0):\r\n  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n")
            .Should().BeEmpty();
    }
}
