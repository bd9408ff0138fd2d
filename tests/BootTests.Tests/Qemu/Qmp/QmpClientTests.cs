using System.Net.Sockets;
using System.Text.Json;
using BootTests.Qemu.Qmp;

namespace BootTests.Tests.Qemu.Qmp;

[Category(Categories.Unit)]
[CancelAfter(20_000)]
public class QmpClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private DirectoryInfo dir = null!;
    private string socketPath = null!;

    [SetUp]
    public void CreateDirectory()
    {
        dir = Directory.CreateTempSubdirectory("qmp-unit-");
        socketPath = Path.Combine(dir.FullName, "qmp.sock");
    }

    [TearDown]
    public void DeleteDirectory() => dir.Delete(recursive: true);

    [Test]
    public async Task Connecting_records_the_qemu_version_from_the_greeting_and_negotiates_capabilities()
    {
        await using var server = FakeQmpServer.Start(socketPath, _ => Task.CompletedTask);

        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        client.QemuVersion.Should().Be("7.2.22");
        server.ReceivedLines.Should().ContainSingle().Which.Should().Contain("\"execute\":\"qmp_capabilities\"");
    }

    [Test]
    public async Task A_command_sends_its_arguments_with_an_id_and_returns_the_matching_return_value()
    {
        await using var server = FakeQmpServer.Start(socketPath, call => call.ReturnAsync("""{"status": "prelaunch"}"""));
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        var result = await client.ExecuteAsync("query-status", new Dictionary<string, object> { ["detail"] = true });

        result.GetProperty("status").GetString().Should().Be("prelaunch");
        var sent = JsonDocument.Parse(server.ReceivedLines.Last()).RootElement;
        sent.GetProperty("execute").GetString().Should().Be("query-status");
        sent.GetProperty("arguments").GetProperty("detail").GetBoolean().Should().BeTrue();
        sent.GetProperty("id").GetInt64().Should().BePositive();
    }

    [Test]
    public async Task An_error_response_throws_a_QmpException_naming_the_command_the_class_and_the_description()
    {
        await using var server = FakeQmpServer.Start(socketPath,
            call => call.ErrorAsync("CommandNotFound", "The command bogus has not been found"));
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        Func<Task> bogus = () => client.ExecuteAsync("bogus");

        (await bogus.Should().ThrowAsync<QmpException>())
            .Which.Should().BeEquivalentTo(new { Command = "bogus", ErrorClass = "CommandNotFound", Description = "The command bogus has not been found" });
        (await bogus.Should().ThrowAsync<QmpException>())
            .WithMessage("*bogus*CommandNotFound*The command bogus has not been found*");
    }

    [Test]
    public async Task An_event_sent_before_the_response_reaches_its_waiter_and_is_not_taken_for_the_response()
    {
        await using var server = FakeQmpServer.Start(socketPath, async call =>
        {
            await call.EventAsync("SHUTDOWN", """{"guest": false, "reason": "host-qmp-quit"}""");
            await call.ReturnAsync("""{"ok": 1}""");
        });
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);
        var seen = new List<string>();
        client.EventReceived += e => seen.Add(e.Name);
        var shutdown = client.WaitForEventAsync("SHUTDOWN");

        var result = await client.ExecuteAsync("anything");

        result.GetProperty("ok").GetInt32().Should().Be(1);
        var qmpEvent = await shutdown;
        qmpEvent.Data.GetProperty("reason").GetString().Should().Be("host-qmp-quit");
        qmpEvent.Timestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250));
        seen.Should().Equal("SHUTDOWN");
    }

    [Test]
    public async Task Commands_issued_concurrently_each_get_their_own_response()
    {
        await using var server = FakeQmpServer.Start(socketPath,
            call => call.ReturnAsync(JsonSerializer.Serialize(call.Request.GetProperty("execute").GetString())));
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.ExecuteAsync($"cmd-{i}")));

        results.Select(r => r.GetString()).Should().Equal(Enumerable.Range(0, 20).Select(i => $"cmd-{i}"));
    }

    [Test]
    public async Task A_pending_command_fails_with_QmpConnectionClosedException_when_the_connection_closes()
    {
        await using var server = FakeQmpServer.Start(socketPath, call =>
        {
            call.CloseConnection();
            return Task.CompletedTask;
        });
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        Func<Task> stop = () => client.ExecuteAsync("stop");

        (await stop.Should().ThrowAsync<QmpConnectionClosedException>()).WithMessage("*stop*");
        await client.Closed;
        await stop.Should().ThrowAsync<QmpConnectionClosedException>();
    }

    [Test]
    public async Task An_event_waiter_is_released_when_the_connection_closes()
    {
        await using var server = FakeQmpServer.Start(socketPath, call =>
        {
            call.CloseConnection();
            return Task.CompletedTask;
        });
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);
        var never = client.WaitForEventAsync("RESET");

        await client.QuitAsync();

        (await never.Awaiting(t => t).Should().ThrowAsync<QmpConnectionClosedException>()).WithMessage("*RESET*");
    }

    [Test]
    public async Task Quitting_counts_the_connection_closing_as_success()
    {
        await using var server = FakeQmpServer.Start(socketPath, call =>
        {
            call.CloseConnection();
            return Task.CompletedTask;
        });
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        await client.Awaiting(c => c.QuitAsync()).Should().NotThrowAsync();
        await client.Closed;
    }

    [Test]
    public async Task Connecting_waits_for_a_socket_that_appears_later()
    {
        var connecting = QmpClient.ConnectAsync(socketPath, Timeout);
        await Task.Delay(300);
        connecting.IsCompleted.Should().BeFalse();

        await using var server = FakeQmpServer.Start(socketPath, _ => Task.CompletedTask);
        await using var client = await connecting;

        client.QemuVersion.Should().Be("7.2.22");
    }

    [Test]
    public async Task Connecting_to_a_refusing_socket_retries_until_the_timeout_and_names_the_path()
    {
        // A bound but never-listening socket refuses connections, like QEMU before it starts listening.
        using var refusing = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        refusing.Bind(new UnixDomainSocketEndPoint(socketPath));

        Func<Task> connecting = () => QmpClient.ConnectAsync(socketPath, TimeSpan.FromMilliseconds(400));

        (await connecting.Should().ThrowAsync<TimeoutException>()).WithMessage($"*{socketPath}*");
    }

    [Test]
    public async Task Connecting_to_a_socket_that_never_appears_times_out()
    {
        Func<Task> connecting = () => QmpClient.ConnectAsync(socketPath, TimeSpan.FromMilliseconds(400));

        (await connecting.Should().ThrowAsync<TimeoutException>()).WithMessage($"*{socketPath}*");
    }

    [Test]
    public async Task The_transcript_records_every_line_sent_and_received_with_its_direction()
    {
        var transcriptPath = Path.Combine(dir.FullName, "logs", "qmp.log");
        await using (var server = FakeQmpServer.Start(socketPath, call => call.ReturnAsync("{}")))
        await using (var client = await QmpClient.ConnectAsync(socketPath, Timeout, new QmpClientOptions { TranscriptPath = transcriptPath }))
        {
            await client.ExecuteAsync("cont");
        }

        var lines = await File.ReadAllLinesAsync(transcriptPath);
        lines.Should().HaveCountGreaterThanOrEqualTo(5);
        lines[0].Should().Contain(" <- ").And.Contain("\"QMP\"");
        lines[1].Should().Contain(" -> ").And.Contain("qmp_capabilities");
        lines[2].Should().Contain(" <- ").And.Contain("\"return\"");
        lines[3].Should().Contain(" -> ").And.Contain("\"cont\"");
        lines[4].Should().Contain(" <- ").And.Contain("\"return\"");
        DateTimeOffset.TryParse(lines[0].Split(' ')[0], out _).Should().BeTrue();
    }

    [Test]
    public async Task A_missing_forward_names_the_guest_port_and_shows_what_qemu_printed()
    {
        const string usernet = "Hub -1 (n0):\r\n  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n";
        await using var server = FakeQmpServer.Start(socketPath, call => call.ReturnAsync(JsonSerializer.Serialize(usernet)));
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        Func<Task> lookup = () => client.GetForwardedHostPortAsync(22);

        (await lookup.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*guest port 22*Protocol?State?*");
    }

    [Test]
    public async Task The_forwarded_host_port_comes_from_info_usernet()
    {
        const string usernet = "Hub -1 (n0):\r\n  TCP[HOST_FORWARD]   8       127.0.0.1 40563       10.0.2.15    22     0     0\r\n";
        await using var server = FakeQmpServer.Start(socketPath, call => call.ReturnAsync(JsonSerializer.Serialize(usernet)));
        await using var client = await QmpClient.ConnectAsync(socketPath, Timeout);

        var port = await client.GetForwardedHostPortAsync(22);

        port.Should().Be(40563);
        server.ReceivedLines.Last().Should().Contain("\"command-line\":\"info usernet\"");
    }
}
