using BootTests.BootMedia;
using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

/// <summary>The command lines for booting through GRUB or iPXE; the direct one is in <see cref="QemuArgvTests"/>.</summary>
[Category(Categories.Unit)]
public class QemuArgvBootViaTests
{
    private static QemuLaunchOptions Options(BootVia via) => new()
    {
        KernelPath = "/img/vmlinuz",
        InitrdPath = "/img/initrd.img",
        Append = "quiet",
        MemoryMiB = 3072,
        Cpus = 2,
        Accelerator = Accelerator.Tcg,
        RunDirectory = "/runs/r1",
        BootVia = via,
        BootCdPath = via is BootVia.Grub or BootVia.GrubUefi ? "/cache/boot-media/grub-1/boot.iso" : null,
        BootServerPort = via == BootVia.Ipxe ? 41234 : null,
    };

    private static readonly string[] Head =
    [
        "qemu-system-x86_64",
        "-nodefaults", "-no-user-config", "-display", "none",
        "-machine", "q35,graphics=off",
        "-accel", "tcg,thread=multi",
        "-cpu", "max,erms=off,fsrm=off",
        "-smp", "2",
        "-m", "3072M",
    ];

    private static readonly string[] Monitors =
    [
        "-chardev", "socket,id=qmp,path=/runs/r1/qmp.sock,server=on,wait=off",
        "-mon", "chardev=qmp,mode=control",
        "-chardev", "socket,id=console,path=/runs/r1/console.sock,server=on,wait=on",
        "-serial", "chardev:console",
    ];

    private static readonly string[] Tail =
    [
        "-device", "pvpanic-pci",
        "-action", "panic=exit-failure",
        "-no-reboot",
        "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
        "-pidfile", "/runs/r1/qemu.pid",
    ];

    [Test]
    public void A_grub_machine_boots_the_cd_image_and_passes_no_kernel() =>
        QemuArgv.Build(Options(BootVia.Grub)).Should().Equal(
        [
            .. Head,
            "-drive", "file=/cache/boot-media/grub-1/boot.iso,format=raw,if=none,media=cdrom,readonly=on,id=cd0",
            "-device", "ide-cd,drive=cd0,bootindex=0",
            .. Monitors,
            "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22",
            "-device", "virtio-net-pci,netdev=n0",
            .. Tail,
        ]);

    [Test]
    public void A_uefi_grub_machine_adds_read_only_ovmf_code_and_its_own_variable_store() =>
        QemuArgv.Build(Options(BootVia.GrubUefi)).Should().Equal(
        [
            .. Head,
            "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
            "-drive", "if=pflash,format=raw,unit=1,file=/runs/r1/ovmf-vars.fd",
            "-drive", "file=/cache/boot-media/grub-1/boot.iso,format=raw,if=none,media=cdrom,readonly=on,id=cd0",
            "-device", "ide-cd,drive=cd0,bootindex=0",
            .. Monitors,
            "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22",
            "-device", "virtio-net-pci,netdev=n0",
            .. Tail,
        ]);

    [Test]
    public void An_ipxe_machine_boots_the_nic_and_reaches_only_the_harness_server_through_one_guestfwd() =>
        QemuArgv.Build(Options(BootVia.Ipxe)).Should().Equal(
        [
            .. Head,
            .. Monitors,
            "-chardev", "socket,id=bootfiles,host=127.0.0.1,port=41234",
            "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:0-:22,bootfile=http://10.0.2.100/boot.ipxe,guestfwd=tcp:10.0.2.100:80-chardev:bootfiles",
            "-device", "virtio-net-pci,netdev=n0,bootindex=0",
            .. Tail,
        ]);

    [TestCase(BootVia.Grub)]
    [TestCase(BootVia.GrubUefi)]
    [TestCase(BootVia.Ipxe)]
    public void Neither_bootloader_path_gives_QEMU_the_kernel_or_initrd(BootVia via) =>
        QemuArgv.Build(Options(via)).Should().NotContain(["-kernel", "-initrd", "-append"]);

    [Test]
    public void An_ipxe_machine_without_a_server_port_is_refused() =>
        FluentActions.Invoking(() => QemuArgv.Build(Options(BootVia.Ipxe) with { BootServerPort = null }))
            .Should().Throw<ArgumentException>().WithMessage("*BootServerPort*");

    [Test]
    public void A_grub_machine_without_a_cd_image_is_refused() =>
        FluentActions.Invoking(() => QemuArgv.Build(Options(BootVia.Grub) with { BootCdPath = null }))
            .Should().Throw<ArgumentException>();

    [Test]
    public void A_cd_image_path_with_a_comma_is_escaped_inside_the_drive_option() =>
        QemuArgv.Build(Options(BootVia.Grub) with { BootCdPath = "/a,b/boot.iso" })
            .Should().Contain("file=/a,,b/boot.iso,format=raw,if=none,media=cdrom,readonly=on,id=cd0");
}
