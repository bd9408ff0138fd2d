using System.Net;
using BootTests.Images;
using BootTests.Qemu;
using BootTests.Tests.Images;

namespace BootTests.Tests.Security;

/// <summary>
/// The security properties without a VM: the QEMU argv keeps them for any options, and each checker the live tests
/// (DefaultImageBootTests.Security) rely on is shown able to fail.
/// </summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SecurityPolicyTests
{
    private static QemuLaunchOptions Options(params int[] guestPorts) => new()
    {
        KernelPath = "/boot/vmlinuz",
        InitrdPath = "/boot/initrd.img",
        RunDirectory = "/tmp/run",
        GuestPorts = guestPorts.Length == 0 ? [22] : guestPorts,
    };

    [TestCase(new[] { 22 })]
    [TestCase(new[] { 22, 80, 443 })]
    public void The_harness_argv_keeps_every_property(int[] ports)
    {
        var argv = QemuArgv.Build(Options(ports));

        QemuArgvPolicy.Problems(argv).Should().BeEmpty();
        argv.Count(a => a.Contains("hostfwd=tcp:127.0.0.1:0-:", StringComparison.Ordinal)).Should().Be(1);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(65536)]
    public void A_guest_port_outside_1_to_65535_is_refused(int port)
    {
        var act = () => QemuArgv.Build(Options(22, port));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*{port}*1 to 65535*");
    }

    [TestCase("127.0.0.1:0-", "0.0.0.0:0-", "127.0.0.1 only")]
    [TestCase("127.0.0.1:0-", ":0-", "127.0.0.1 only")]
    [TestCase(",restrict=on", "", "restrict=on")]
    [TestCase("user,id=n0", "tap,id=n0", "only 'user'")]
    public void The_policy_catches_a_broken_netdev(string from, string to, string problem)
    {
        var argv = QemuArgv.Build(Options()).Select(a => a.StartsWith("user,", StringComparison.Ordinal) ? a.Replace(from, to, StringComparison.Ordinal) : a).ToList();

        QemuArgvPolicy.Problems(argv).Should().Contain(p => p.Contains(problem, StringComparison.Ordinal));
    }

    [TestCase("spawn=deny,", "")]
    [TestCase("on,", "off,")]
    public void The_policy_catches_a_weakened_sandbox(string from, string to)
    {
        var argv = QemuArgv.Build(Options()).Select(a => a.Contains("elevateprivileges", StringComparison.Ordinal) ? a.Replace(from, to, StringComparison.Ordinal) : a).ToList();

        QemuArgvPolicy.Problems(argv).Should().ContainSingle().Which.Should().Contain("-sandbox");
    }

    [Test]
    public void Boot_media_and_a_guestfwd_to_a_127_0_0_1_chardev_keep_the_properties()
    {
        var argv = QemuArgv.Build(Options()).Select(a => a.StartsWith("user,", StringComparison.Ordinal) ? a + ",guestfwd=tcp:10.0.2.100:80-chardev:http" : a).ToList();
        argv.AddRange(["-chardev", "socket,id=http,host=127.0.0.1,port=41234", "-drive", "file=/tmp/boot.iso,format=raw,if=none,media=cdrom,readonly=on,id=cd0"]);

        QemuArgvPolicy.Problems(argv).Should().BeEmpty();
    }

    [Test]
    public void The_policy_catches_a_missing_sandbox_and_a_tcp_monitor()
    {
        var argv = QemuArgv.Build(Options()).ToList();
        var sandbox = argv.IndexOf("-sandbox");
        argv.RemoveRange(sandbox, 2);
        argv.AddRange(["-monitor", "tcp:0.0.0.0:4444,server=on,wait=off", "-chardev", "socket,id=x,host=0.0.0.0,port=5555,server=on"]);

        QemuArgvPolicy.Problems(argv).Should().HaveCount(3);
    }

    [Test]
    public void Listening_sockets_are_read_from_proc_net_tcp_and_a_wildcard_one_shows()
    {
        const string procNetTcp = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:A2C3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
               1: 00000000:115C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 100 0 0 10 0
               2: 0100007F:A2C4 0100007F:0016 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 100 0 0 10 0
               3: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9999 1 0000000000000000 100 0 0 10 0
            """;

        var sockets = ListeningSockets.Parse(procNetTcp, new HashSet<string> { "1001", "1002", "1003" }).ToList();

        sockets.Should().Equal(new IPEndPoint(IPAddress.Loopback, 0xA2C3), new IPEndPoint(IPAddress.Any, 0x115C));
        sockets.Where(s => !IPAddress.IsLoopback(s.Address)).Should().ContainSingle("a 0.0.0.0 listener is what the live test must catch");
    }

    [Test]
    public void The_secret_scan_finds_a_piece_of_a_key_and_a_password()
    {
        using var dir = new ScratchDirectory();
        var key = dir.Combine("id_ed25519");
        CliWrap.Cli.Wrap("ssh-keygen").WithArguments(["-q", "-t", "ed25519", "-N", "", "-f", key]).ExecuteAsync().GetAwaiter().GetResult();
        var line = File.ReadAllLines(key)[2];
        var scan = new SecretScan().WithPrivateKeyFile(key).WithPassword("hunter2-secret");

        scan.Leaks([("clean.log", "ssh-ready at 28.5 s; ssh -i /root/id_ed25519")]).Should().BeEmpty();
        scan.Leaks([("console.log", $"junk {line} junk")]).Should().ContainSingle().Which.Should().Contain("console.log");
        scan.Leaks([("report.json", "{\"password\":\"hunter2-secret\"}")]).Should().ContainSingle().Which.Should().Contain("password");
    }

    [Test]
    public void Seccomp_mode_2_is_read_from_proc_status()
    {
        ProcStatus.Field("Name:\tqemu\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\n", "Seccomp").Should().Be("2");
        ProcStatus.Field("Name:\tbash\nSeccomp:\t0\n", "Seccomp").Should().Be("0");
    }

    [Test]
    public void Private_keys_are_written_0600_and_image_and_rootfs_folders_are_made_owner_only()
    {
        using var dir = new ScratchDirectory();
        var key = dir.Combine("key");
        BootTests.Images.Rootfs.SshKeys.CreateEd25519Async(key, "test", CancellationToken.None).GetAwaiter().GetResult();
        var temp = CacheDirectory.TemporarySibling(dir.Combine("images", "x"));

        File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(temp).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public void An_image_built_by_the_harness_is_booted_with_its_host_key_pinned()
    {
        var manifest = new ImageManifest
        {
            Recipe = "r",
            RecipeSource = "embedded:r",
            Layout = "fast",
            KernelVersion = "6.1",
            RootfsBytes = 1,
            TmpfsSize = "1G",
            TmpfsBytes = 1 << 30,
            Memory = "2048M",
            HostKeyFingerprint = "SHA256:DNOz+b3WBG8dAnIXaCBTiQc3vMSu66fJyBXEHb3CVkc",
            Kernel = new ManifestFile("vmlinuz", "00", 1),
            Initramfs = new ManifestFile("initramfs.img", "00", 1),
            ClientKey = "id_ed25519",
            CacheKey = "k",
            SourceDateEpoch = 1,
            BuildSeconds = 1,
        };

        var target = BootTests.Session.BootTarget.FromImage(new BuiltImage("/tmp/image", manifest, FromCache: true));

        target.HostKey.IsPinned.Should().BeTrue();
        target.HostKey.ExpectedFingerprint.Should().Be(manifest.HostKeyFingerprint);
        target.HostKey.Accepts("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").Should().BeFalse();
    }
}

/// <summary>Fields of /proc/PID/status.</summary>
internal static class ProcStatus
{
    public static string? Field(string status, string name) =>
        status.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => p[1].Trim()).FirstOrDefault();
}
