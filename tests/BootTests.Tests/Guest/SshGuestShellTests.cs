using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BootTests.Guest;

namespace BootTests.Tests.Guest;

[TestFixture]
[Category("Ssh")]
[NonParallelizable]
public sealed class SshGuestShellTests
{
    private static readonly SshReadiness Quick = new(TimeSpan.FromSeconds(10));

    // Assigned in OneTimeSetUp; teardown copes with a setup that failed half-way.
    private SshTestKeys keys = null!;
    private LocalSshd? sshd;

    [OneTimeSetUp]
    public async Task StartSshd()
    {
        keys = SshTestKeys.Create();
        sshd = await LocalSshd.StartAsync(keys, LocalSshd.FreePort());
    }

    [OneTimeTearDown]
    public async Task StopSshd()
    {
        if (sshd is not null)
        {
            await sshd.DisposeAsync();
        }

        keys?.Dispose();
    }

    private LocalSshd Sshd => sshd ?? throw new InvalidOperationException("sshd did not start; see OneTimeSetUp.");

    private SshCredentials Client => SshCredentials.WithPrivateKeyFile("root", keys.ClientKeyPath);

    private static GuestEndpoint At(int port) => new("127.0.0.1", port);

    [Test]
    public async Task It_connects_with_the_pinned_host_key_and_runs_commands()
    {
        await using var shell = await SshGuestShell.ConnectAsync(
            At(Sshd.Port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), Quick);

        var hi = await shell.RunAsync("echo hi");
        var three = await shell.RunAsync("echo oops >&2; exit 3");

        shell.HostKeyFingerprint.Should().Be(keys.HostKeyFingerprint);
        shell.Attempts.Should().Be(1);
        hi.Should().Match<GuestCommandResult>(r => r.ExitStatus == 0 && r.Stdout == "hi\n" && r.Stderr == "");
        three.ExitStatus.Should().Be(3);
        three.Stderr.Should().Be("oops\n");
    }

    [Test]
    public async Task An_unpinned_connection_records_the_fingerprint_it_saw()
    {
        await using var shell = await SshGuestShell.ConnectAsync(At(Sshd.Port), Client, HostKeyPin.NotPinned, Quick);

        shell.HostKeyFingerprint.Should().Be(keys.HostKeyFingerprint);
    }

    [Test]
    public async Task A_wrong_host_key_pin_fails_at_once_without_retrying()
    {
        var checks = 0;
        var readiness = new SshReadiness(TimeSpan.FromSeconds(30), () => checks++);
        var wrongPin = HostKeyPin.Expect("SHA256:DNOz+b3WBG8dAnIXaCBTiQc3vMSu66fJyBXEHb3CVkc");
        var clock = Stopwatch.StartNew();

        var connect = () => SshGuestShell.ConnectAsync(At(Sshd.Port), Client, wrongPin, readiness);

        var thrown = await connect.Should().ThrowAsync<HostKeyMismatchException>();
        thrown.Which.Message.Should().Contain(keys.HostKeyFingerprint).And.Contain(wrongPin.ExpectedFingerprint!);
        checks.Should().Be(1, "a mismatch is never retried");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Test]
    public async Task A_client_key_the_guest_does_not_know_fails_as_an_authentication_error()
    {
        var stranger = SshCredentials.WithPrivateKeyFile("root", keys.StrangerKeyPath);
        var clock = Stopwatch.StartNew();

        var connect = () => SshGuestShell.ConnectAsync(At(Sshd.Port), stranger, HostKeyPin.NotPinned, Quick);

        var thrown = await connect.Should().ThrowAsync<SshAuthenticationFailedException>();
        thrown.Which.Message.Should().Contain($"127.0.0.1:{Sshd.Port}").And.Contain("root");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Test]
    public async Task Connecting_before_sshd_starts_succeeds_soon_after_it_comes_up()
    {
        var port = LocalSshd.FreePort();
        var connecting = SshGuestShell.ConnectAsync(
            At(port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), new SshReadiness(TimeSpan.FromSeconds(20)));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var late = await LocalSshd.StartAsync(keys, port);

        await using var shell = await connecting;

        var sshdToReady = Stopwatch.GetElapsedTime(late.StartedTimestamp, shell.ReadyTimestamp);
        TestContext.Out.WriteLine($"ready {sshdToReady.TotalMilliseconds:0} ms after sshd was spawned, {shell.Attempts} attempts");
        shell.Attempts.Should().BeGreaterThan(1);
        // Not a speed target (benchmarks measure that): the pauses between attempts are capped at 0.5 s, so
        // anything near the 5 s attempt timeout would mean the wait sleeps blindly instead of polling.
        sshdToReady.Should().BeLessThan(TimeSpan.FromSeconds(2.5));
    }

    [Test]
    public async Task A_port_that_accepts_and_hangs_up_like_qemu_before_sshd_is_retried()
    {
        var port = LocalSshd.FreePort();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        using var stopHangingUp = new CancellationTokenSource();
        var hangingUp = Task.Run(async () =>
        {
            while (!stopHangingUp.IsCancellationRequested)
            {
                using var accepted = await listener.AcceptTcpClientAsync(stopHangingUp.Token);
                accepted.Client.Close();
            }
        });
        var connecting = SshGuestShell.ConnectAsync(At(port), Client, HostKeyPin.NotPinned, new SshReadiness(TimeSpan.FromSeconds(20)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stopHangingUp.CancelAsync();
        listener.Stop();
        await hangingUp.ContinueWith(_ => { }, TaskScheduler.Default);
        await using var late = await LocalSshd.StartAsync(keys, port);

        await using var shell = await connecting;

        shell.Attempts.Should().BeGreaterThan(1);
        (await shell.RunAsync("echo up")).Stdout.Should().Be("up\n");
    }

    [Test]
    public async Task A_port_that_accepts_but_never_sends_a_banner_is_abandoned_quickly_and_retried()
    {
        await using var server = await SilentServer.StartAsync(banner: null);
        var readiness = new SshReadiness(TimeSpan.FromSeconds(2))
        {
            AttemptTimeout = TimeSpan.FromSeconds(1.5),
            FirstBannerTimeout = TimeSpan.FromMilliseconds(200),
        };
        var clock = Stopwatch.StartNew();

        var connect = () => SshGuestShell.ConnectAsync(At(server.Port), Client, HostKeyPin.NotPinned, readiness);

        var thrown = await connect.Should().ThrowAsync<SshNotReadyException>();
        thrown.Which.Message.Should().Contain("did not identify itself");
        // 0.2 + 0.3 + 0.45 + 0.675 s of banner waits fit in 2 s; one AttemptTimeout per attempt would give 2.
        thrown.Which.Attempts.Should().BeGreaterThanOrEqualTo(4);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3.5));
    }

    [Test]
    public async Task Once_sshd_identifies_itself_the_attempt_gets_the_whole_attempt_timeout()
    {
        await using var server = await SilentServer.StartAsync(banner: "SSH-2.0-OpenSSH_9.2p1 silent\r\n");
        var readiness = new SshReadiness(TimeSpan.FromSeconds(2))
        {
            AttemptTimeout = TimeSpan.FromSeconds(1.5),
            FirstBannerTimeout = TimeSpan.FromMilliseconds(200),
        };

        var connect = () => SshGuestShell.ConnectAsync(At(server.Port), Client, HostKeyPin.NotPinned, readiness);

        var thrown = await connect.Should().ThrowAsync<SshNotReadyException>();
        thrown.Which.Message.Should().Contain("No SSH handshake");
        thrown.Which.Attempts.Should().BeLessThanOrEqualTo(2);
    }

    [Test]
    public async Task Connections_held_dead_like_qemu_s_before_the_guest_has_an_address_are_overtaken_not_waited_out_one_by_one()
    {
        await using var proxy = await HoldingProxy.StartAsync(held: 3, Sshd.Port);
        var readiness = new SshReadiness(TimeSpan.FromSeconds(20)) { FirstBannerTimeout = TimeSpan.FromSeconds(1) };

        await using var shell = await SshGuestShell.ConnectAsync(At(proxy.Port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), readiness);

        shell.Attempts.Should().Be(4);
        // Waiting each one out takes at least the three banner waits, 1 + 1.5 + 2.25 s, before the fourth connection;
        // starting one per FirstBannerTimeout regardless opens it after about 3 s.
        proxy.RelayedAfter.Should().BeLessThan(TimeSpan.FromSeconds(4.25));
        (await shell.RunAsync("echo up")).Stdout.Should().Be("up\n");
    }

    [Test]
    public async Task Held_connections_let_through_at_once_like_qemu_s_when_the_guest_gets_its_address_log_in_one_at_a_time()
    {
        await using var proxy = await HoldingProxy.StartAsync(held: 3, Sshd.Port, releaseHeld: true);
        var readiness = new SshReadiness(TimeSpan.FromSeconds(20)) { FirstBannerTimeout = TimeSpan.FromSeconds(1) };

        await using var shell = await SshGuestShell.ConnectAsync(At(proxy.Port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), readiness);

        // Several sessions get sshd's banner together; each attempt authenticates with its own method and key.
        (await shell.RunAsync("echo up")).Stdout.Should().Be("up\n");
        shell.Attempts.Should().Be(4);
    }

    /// <summary>A TCP listener on a free loopback port that hands each accepted connection to <see cref="OnAcceptedAsync"/> and closes them all when disposed.</summary>
    private abstract class LoopbackServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> clients = [];
        private Task accepting = Task.CompletedTask;

        protected CancellationTokenSource Stop { get; } = new();

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        protected void Start()
        {
            listener.Start();
            accepting = Task.Run(async () =>
            {
                while (!Stop.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(Stop.Token);
                    Own(client);
                    await OnAcceptedAsync(client);
                }
            });
        }

        protected abstract Task OnAcceptedAsync(TcpClient client);

        protected void Own(TcpClient client) => clients.Add(client);

        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            listener.Stop();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            clients.ForEach(c => c.Dispose());
            Stop.Dispose();
        }
    }

    /// <summary>Accepts TCP and keeps the first connections silent (QEMU's user network before the guest has its address), then relays to sshd (the held ones too, when asked).</summary>
    private sealed class HoldingProxy(int held, int target, bool releaseHeld) : LoopbackServer
    {
        private readonly List<TcpClient> holding = [];
        private long firstAccepted;

        /// <summary>From the first connection to the one that was relayed.</summary>
        public TimeSpan RelayedAfter { get; private set; } = TimeSpan.MaxValue;

        public static Task<HoldingProxy> StartAsync(int held, int target, bool releaseHeld = false)
        {
            var proxy = new HoldingProxy(held, target, releaseHeld);
            proxy.Start();
            return Task.FromResult(proxy);
        }

        protected override async Task OnAcceptedAsync(TcpClient client)
        {
            if (firstAccepted == 0) firstAccepted = Stopwatch.GetTimestamp();
            if (holding.Count < held)
            {
                holding.Add(client);
                return;
            }
            RelayedAfter = Stopwatch.GetElapsedTime(firstAccepted);
            foreach (var released in releaseHeld ? holding : []) await RelayAsync(released);
            holding.Clear();
            await RelayAsync(client);
        }

        private async Task RelayAsync(TcpClient client)
        {
            var upstream = new TcpClient();
            Own(upstream);
            await upstream.ConnectAsync(IPAddress.Loopback, target, Stop.Token);
            _ = client.GetStream().CopyToAsync(upstream.GetStream(), Stop.Token);
            _ = upstream.GetStream().CopyToAsync(client.GetStream(), Stop.Token);
        }
    }

    /// <summary>A TCP server that accepts, optionally sends an SSH identification line, then says nothing more.</summary>
    private sealed class SilentServer(string? banner) : LoopbackServer
    {
        public static Task<SilentServer> StartAsync(string? banner)
        {
            var server = new SilentServer(banner);
            server.Start();
            return Task.FromResult(server);
        }

        protected override async Task OnAcceptedAsync(TcpClient client)
        {
            if (banner is not null)
                await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(banner), Stop.Token);
        }
    }

    [Test]
    public async Task Nobody_listening_for_the_whole_budget_names_the_endpoint_and_attempts()
    {
        var port = LocalSshd.FreePort();
        var clock = Stopwatch.StartNew();

        var connect = () => SshGuestShell.ConnectAsync(At(port), Client, HostKeyPin.NotPinned, new SshReadiness(TimeSpan.FromSeconds(1.5)));

        var thrown = await connect.Should().ThrowAsync<SshNotReadyException>();
        thrown.Which.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("attempts");
        thrown.Which.Attempts.Should().BeGreaterThan(3);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Test]
    public async Task A_boot_failure_reported_while_waiting_stops_the_retries_at_once()
    {
        var port = LocalSshd.FreePort();
        var checks = 0;
        var readiness = new SshReadiness(TimeSpan.FromSeconds(30), () =>
        {
            if (++checks == 3)
            {
                throw new InvalidOperationException("QEMU exited with status 1");
            }
        });
        var clock = Stopwatch.StartNew();

        var connect = () => SshGuestShell.ConnectAsync(At(port), Client, HostKeyPin.NotPinned, readiness);

        await connect.Should().ThrowAsync<InvalidOperationException>().WithMessage("QEMU exited*");
        checks.Should().Be(3);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task A_command_that_outlives_its_timeout_throws_naming_the_command()
    {
        await using var shell = await SshGuestShell.ConnectAsync(At(Sshd.Port), Client, HostKeyPin.NotPinned, Quick);

        var run = () => shell.RunAsync("sleep 10", TimeSpan.FromMilliseconds(500));

        var thrown = await run.Should().ThrowAsync<GuestCommandTimeoutException>();
        thrown.Which.Command.Should().Be("sleep 10");
        (await shell.RunAsync("echo still usable")).ExitStatus.Should().Be(0);
    }

    [Test]
    public async Task A_file_copied_in_and_out_over_the_same_connection_keeps_its_bytes_and_mode()
    {
        using var scratch = new TempDirectory();
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var source = Path.Combine(scratch.Path, "in put's $(x).bin");
        await File.WriteAllBytesAsync(source, bytes);
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var guestPath = Path.Combine(scratch.Path, "guest copy 'quoted'.bin");
        var back = Path.Combine(scratch.Path, "back.bin");
        await using var shell = await SshGuestShell.ConnectAsync(At(Sshd.Port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), Quick);

        await shell.CopyToAsync(source, guestPath);
        await shell.CopyFromAsync(guestPath, back);

        (await File.ReadAllBytesAsync(back)).Should().Equal(bytes);
        File.GetUnixFileMode(guestPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public async Task Copying_a_missing_guest_file_throws_with_the_guests_error_and_writes_nothing()
    {
        using var scratch = new TempDirectory();
        var back = Path.Combine(scratch.Path, "back.bin");
        await using var shell = await SshGuestShell.ConnectAsync(At(Sshd.Port), Client, HostKeyPin.Expect(keys.HostKeyFingerprint), Quick);

        var thrown = await shell.Invoking(s => s.CopyFromAsync("/no/such/file", back)).Should().ThrowAsync<GuestCommandFailedException>();

        thrown.Which.Message.Should().Contain("/no/such/file").And.Contain("No such file");
        File.Exists(back).Should().BeFalse();
        File.Exists(back + ".part").Should().BeFalse();
    }
}
