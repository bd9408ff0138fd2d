using System.Net.Sockets;
using BootTests.Qemu.Qmp;

namespace BootTests.Tests.Qemu.Qmp;

[Category(Categories.Boot)]
[CancelAfter(60_000)]
public class RealQemuQmpTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] MachineNone = ["-machine", "none"];
    private static readonly string[] Q35WithSshForward =
    [
        "-machine", "q35",
        "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22",
        "-device", "virtio-net-pci,netdev=n0",
    ];

    private QemuUnderTest? qemu;

    [TearDown]
    public void StopQemu()
    {
        if (qemu is not null && TestContext.CurrentContext.Result.Outcome.Status == global::NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"QEMU output:\n{qemu.Output}");
        }
        qemu?.Dispose();
        qemu = null;
    }

    [Test]
    public async Task A_paused_machine_reports_its_version_status_and_kvm_state()
    {
        qemu = QemuUnderTest.Start(MachineNone);
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, ConnectTimeout);

        client.QemuVersion.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        (await client.QueryStatusAsync()).Should().Be("prelaunch");
        (var enabled, var _) = await client.QueryKvmAsync();
        enabled.Should().BeFalse("-machine none runs with the default accelerator, TCG");
    }

    [Test]
    public async Task An_unknown_command_is_reported_by_qemu_as_CommandNotFound()
    {
        qemu = QemuUnderTest.Start(MachineNone);
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, ConnectTimeout);

        Func<Task> bogus = () => client.ExecuteAsync("no-such-command");

        (await bogus.Should().ThrowAsync<QmpException>()).Which.ErrorClass.Should().Be("CommandNotFound");
    }

    [Test]
    public async Task The_ssh_forward_to_host_port_0_listens_on_the_port_that_info_usernet_reports()
    {
        qemu = QemuUnderTest.Start(Q35WithSshForward);
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, ConnectTimeout);

        var port = await client.GetForwardedHostPortAsync(22);

        port.Should().BePositive();
        using var tcp = new TcpClient();
        await tcp.Awaiting(t => t.ConnectAsync("127.0.0.1", port)).Should().NotThrowAsync();
    }

    [Test]
    public async Task Quitting_makes_qemu_exit_within_a_few_seconds_and_closes_the_connection()
    {
        qemu = QemuUnderTest.Start(MachineNone);
        var transcript = Path.Combine(qemu.Directory, "qmp.log");
        await using var client = await QmpClient.ConnectAsync(
            qemu.SocketPath, ConnectTimeout, new QmpClientOptions { TranscriptPath = transcript });
        var shutdown = client.WaitForEventAsync("SHUTDOWN");

        await client.QuitAsync();

        using var exitDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await qemu.Process.WaitForExitAsync(exitDeadline.Token);
        qemu.Process.ExitCode.Should().Be(0);
        await client.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        (await shutdown).Data.GetProperty("reason").GetString().Should().Be("host-qmp-quit");
        (await File.ReadAllTextAsync(transcript)).Should().Contain("\"execute\":\"quit\"").And.Contain("SHUTDOWN");
    }
}
