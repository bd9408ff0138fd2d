using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Unit)]
public class QemuArgvTests
{
    private static QemuLaunchOptions Options(Accelerator accelerator) => new()
    {
        KernelPath = "/img/vmlinuz",
        InitrdPath = "/img/initrd.img",
        Append = "quiet",
        MemoryMiB = 3072,
        Cpus = 2,
        Accelerator = accelerator,
        RunDirectory = "/runs/r1",
    };

    private static string[] Golden(string accel, string cpu = "max,erms=off,fsrm=off") =>
    [
        "qemu-system-x86_64",
        "-nodefaults", "-no-user-config", "-display", "none",
        "-machine", "q35",
        "-accel", accel,
        "-cpu", cpu,
        "-smp", "2",
        "-m", "3072M",
        "-kernel", "/img/vmlinuz",
        "-initrd", "/img/initrd.img",
        "-append", "console=ttyS0 panic=-1 no_timer_check quiet",
        "-chardev", "socket,id=qmp,path=/runs/r1/qmp.sock,server=on,wait=off",
        "-mon", "chardev=qmp,mode=control",
        "-chardev", "socket,id=console,path=/runs/r1/console.sock,server=on,wait=on",
        "-serial", "chardev:console",
        "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22",
        "-device", "virtio-net-pci,netdev=n0",
        "-device", "pvpanic-pci",
        "-action", "panic=exit-failure",
        "-no-reboot",
        "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
        "-pidfile", "/runs/r1/qemu.pid",
    ];

    [Test]
    public void A_TCG_machine_gets_the_golden_command_line() =>
        QemuArgv.Build(Options(Accelerator.Tcg)).Should().Equal(Golden("tcg,thread=multi"));

    [Test]
    public void A_KVM_machine_differs_in_the_accelerator_and_the_cpu_keeps_its_fast_string_features() =>
        QemuArgv.Build(Options(Accelerator.Kvm)).Should().Equal(Golden("kvm", "max"));

    [Test]
    public void Kernel_arguments_with_quotes_and_spaces_stay_one_argument()
    {
        const string extra = "init=/sbin/init systemd.unit=\"multi-user.target\" foo='a b'";
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with { Append = extra });

        argv[argv.ToList().IndexOf("-append") + 1].Should().Be($"console=ttyS0 panic=-1 no_timer_check {extra}");
        argv.Should().HaveCount(Golden("tcg").Length);
    }

    [Test]
    public void An_empty_append_leaves_only_the_harness_kernel_arguments()
    {
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with { Append = "" });
        argv[argv.ToList().IndexOf("-append") + 1].Should().Be("console=ttyS0 panic=-1 no_timer_check");
    }

    [Test]
    public void Without_an_initrd_there_is_no_initrd_option() =>
        QemuArgv.Build(Options(Accelerator.Tcg) with { InitrdPath = null }).Should().NotContain("-initrd");

    [Test]
    public void Paths_with_spaces_and_commas_are_passed_whole_and_commas_are_doubled_inside_options()
    {
        const string dir = "/tmp/my runs/a,b $x";
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with
        {
            KernelPath = "/img dir/vm,linuz",
            RunDirectory = dir,
        });

        argv.Should().ContainInOrder("-kernel", "/img dir/vm,linuz");
        argv.Should().Contain("socket,id=console,path=/tmp/my runs/a,,b $x/console.sock,server=on,wait=on");
        argv.Should().Contain("socket,id=qmp,path=/tmp/my runs/a,,b $x/qmp.sock,server=on,wait=off");
        argv.Should().ContainInOrder("-pidfile", "/tmp/my runs/a,b $x/qemu.pid");
    }

    [Test]
    public void Every_guest_port_gets_a_forward_from_a_free_loopback_port()
    {
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with { GuestPorts = [22, 8080] });
        argv.Should().Contain("user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22,hostfwd=tcp:127.0.0.1:0-:8080");
    }

    [Test]
    public void Extra_arguments_come_last_and_unchanged()
    {
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with { ExtraArgs = ["-rtc", "base=utc,clock=vm"] });
        argv.TakeLast(2).Should().Equal("-rtc", "base=utc,clock=vm");
    }

    [Test]
    public void A_socket_path_over_the_Unix_limit_is_refused_with_the_path_in_the_message()
    {
        var longDir = "/tmp/" + new string('d', 120);
        Action build = () => QemuArgv.Build(Options(Accelerator.Tcg) with { RunDirectory = longDir });
        build.Should().Throw<ArgumentException>().WithMessage($"*{longDir}/*.sock*107 bytes*");
    }

    [Test]
    public void A_separate_socket_directory_moves_only_the_sockets()
    {
        var argv = QemuArgv.Build(Options(Accelerator.Tcg) with { SocketDirectory = "/tmp/bt-x" });
        argv.Should().Contain("socket,id=console,path=/tmp/bt-x/console.sock,server=on,wait=on");
        argv.Should().ContainInOrder("-pidfile", "/runs/r1/qemu.pid");
    }
}
