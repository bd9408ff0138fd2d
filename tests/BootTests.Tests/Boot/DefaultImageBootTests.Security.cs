using System.Net;
using System.Net.Sockets;
using BootTests.Guest;
using BootTests.Images;
using BootTests.Images.Rootfs;
using BootTests.Qemu;
using BootTests.Reports;
using BootTests.Tests.Images;
using BootTests.Tests.Security;

namespace BootTests.Tests.Boot;

/// <summary>
/// The security properties, checked on the fixture's one booted VM (each checker is shown able to fail in
/// SecurityPolicyTests): forwards on 127.0.0.1 only, the guest cut off from the network, QEMU under seccomp, private
/// keys 0600 and never logged, the host key pinned, no secret in the run files, reports or progress.
/// </summary>
public sealed partial class DefaultImageBootTests
{
    private const string Password = "hunter2-not-for-logs";

    [Test]
    public void QEMU_listens_on_127_0_0_1_only()
    {
        QemuArgvPolicy.Problems(session.Machine.Argv).Should().BeEmpty("the argv QEMU was started with keeps every property");

        var listening = ListeningSockets.Of(session.Machine.Pid);

        listening.Select(s => s.Port).Should().Contain(session.Machine.SshHostPort, "the SSH forward is one of QEMU's listening sockets");
        listening.Where(s => !s.Address.Equals(IPAddress.Loopback)).Should().BeEmpty("every port QEMU listens on is bound to 127.0.0.1");
    }

    [Test]
    public async Task The_guest_can_reach_neither_the_host_nor_the_outside()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var hostPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        string[] targets = [$"10.0.2.2/{hostPort}", "10.0.2.3/53", "1.1.1.1/443", "127.0.0.1/22"];
        var probe = string.Join(" ", targets.Select(t =>
            $"( timeout 5 bash -c 'exec 3<>/dev/tcp/{t}' 2>/dev/null && echo '{t} open' || echo '{t} closed' ) &")) + " wait";

        var result = await session.Guest.RunAsync(probe);

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain("127.0.0.1/22 open", "the probe can succeed: the guest reaches its own sshd");
        lines.Should().Contain([$"10.0.2.2/{hostPort} closed", "10.0.2.3/53 closed", "1.1.1.1/443 closed"], "restrict=on keeps the guest off every network");
        listener.Pending().Should().BeFalse("nothing from the guest reached the host's listener");
    }

    [Test]
    public async Task QEMU_runs_under_the_seccomp_sandbox()
    {
        var status = await File.ReadAllTextAsync($"/proc/{session.Machine.Pid}/status");

        ProcStatus.Field(status, "Seccomp").Should().Be("2", "-sandbox on installs a seccomp filter (mode 2)");
        ProcStatus.Field(status, "NoNewPrivs").Should().Be("1");
    }

    [Test]
    public async Task Private_keys_are_0600_on_the_host_and_in_the_guest()
    {
        var keys = Path.Combine(new RootfsBuilder(CacheDirectory.Default()).FolderFor(BootedVm.DefaultRecipe), "keys");
        foreach (var key in new[] { image.ClientKeyPath, Path.Combine(keys, "id_ed25519"), Path.Combine(keys, "ssh_host_ed25519_key") })
            File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, key);

        var guest = await session.Guest.RunAsync("stat -c '%a %n' /etc/ssh/ssh_host_ed25519_key /root/.ssh/authorized_keys");

        guest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(l => l.StartsWith("600 ", StringComparison.Ordinal), guest.Stdout);
    }

    [Test]
    public async Task The_host_key_is_pinned_by_default_and_another_key_is_refused()
    {
        session.Target.HostKey.ExpectedFingerprint.Should().Be(image.Manifest.HostKeyFingerprint);
        session.CreateReport(checks).HostKeyPinned.Should().BeTrue();
        var endpoint = new GuestEndpoint("127.0.0.1", session.Machine.SshHostPort);
        var wrong = HostKeyPin.Expect("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        var connect = () => SshGuestShell.ConnectAsync(endpoint, session.Target.Credentials, wrong, new SshReadiness(TimeSpan.FromSeconds(30)));

        (await connect.Should().ThrowAsync<HostKeyMismatchException>()).Which.Message.Should().Contain(image.Manifest.HostKeyFingerprint);
    }

    [Test]
    public async Task No_private_key_or_password_reaches_the_run_files_reports_or_progress()
    {
        var keys = Path.Combine(new RootfsBuilder(CacheDirectory.Default()).FolderFor(BootedVm.DefaultRecipe), "keys");
        var scan = new SecretScan().WithPrivateKeyFile(image.ClientKeyPath).WithPrivateKeyFile(Path.Combine(keys, "ssh_host_ed25519_key")).WithPassword(Password);
        var endpoint = new GuestEndpoint("127.0.0.1", session.Machine.SshHostPort);
        var withPassword = () => SshGuestShell.ConnectAsync(endpoint, SshCredentials.WithPassword("root", Password), session.Target.HostKey, new SshReadiness(TimeSpan.FromSeconds(30)));
        var refused = (await withPassword.Should().ThrowAsync<SshAuthenticationFailedException>()).Which;
        using var reports = new ScratchDirectory("boottests-secrets-");
        var report = session.CreateReport(checks) with { Failure = new ReportFailure("ssh", refused.Message, [refused.ToString()]) };
        JsonReportWriter.Write(report, reports.Combine("report.json"));
        JUnitReportWriter.Write(report, reports.Combine("junit.xml"));

        IEnumerable<(string, string)> texts =
        [
            .. SecretScan.FilesUnder(session.RunDirectory),
            .. SecretScan.FilesUnder(reports.Path),
            ("progress", string.Join('\n', progressLines)),
            ("the refused login's exception", refused.ToString()),
        ];

        scan.Leaks(texts).Should().BeEmpty();
        File.ReadAllText(reports.Combine("report.json")).Should().Contain("password, not shown");
    }
}
