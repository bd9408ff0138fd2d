using BootTests.Guest;
using BootTests.Qemu;
using BootTests.Session;

namespace BootTests.Tests.Session;

/// <summary>The builder's options for users (CPUs, memory, QEMU binary and arguments, forwards) refused before anything boots, and the boot-slot cap.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class BuilderOptionsTests
{
    private static readonly BootTarget Target = new("unit", "/nonexistent/vmlinuz", "/nonexistent/initrd", 1024,
        SshCredentials.WithPassword("root", "x"), HostKeyPin.NotPinned, null, null);

    private static BootSessionBuilder Builder => new BootSessionBuilder().WithTarget(Target);

    [TestCase("-netdev", "user,id=n1", "WithPortForward")]
    [TestCase("-m", "4G", "WithMemory")]
    [TestCase("-smp", "8", "WithCpus")]
    [TestCase("-serial", "stdio", "SendConsoleAsync")]
    [TestCase("-sandbox", "off", "seccomp sandbox")]
    public async Task Extra_qemu_arguments_that_the_harness_sets_itself_are_refused_saying_what_to_use(string option, string value, string instead)
    {
        var thrown = await Builder.WithQemuArguments(option, value).Invoking(b => b.BuildAsync()).Should().ThrowAsync<BootTestsException>();

        thrown.Which.ExitCode.Should().Be(ExitCode.Usage);
        thrown.Which.Message.Should().Contain(option).And.Contain(instead);
    }

    [Test]
    public async Task Extra_arguments_that_would_listen_on_every_interface_are_refused_before_qemu_starts()
    {
        using var scratch = new TempDirectory();
        var options = new QemuLaunchOptions
        {
            KernelPath = "/nonexistent/vmlinuz",
            RunDirectory = scratch.Path,
            ExtraArgs = ["-chardev", "socket,id=leak,host=0.0.0.0,port=4444,server=on", "-vnc", ":0"],
        };

        var thrown = await FluentActions.Invoking(() => QemuMachine.StartAsync(options, new RecordingConsoleSink())).Should().ThrowAsync<BootTestsException>();

        thrown.Which.ExitCode.Should().Be(ExitCode.Usage);
        thrown.Which.Message.Should().Contain("a socket chardev must be a Unix socket").And.Contain("-vnc :0");
        File.Exists(Path.Combine(scratch.Path, "qemu-argv.txt")).Should().BeFalse("nothing was started");
    }

    [Test]
    public void Extra_arguments_the_policy_allows_reach_the_end_of_the_command_line()
    {
        var argv = QemuArgv.Build(new QemuLaunchOptions
        {
            KernelPath = "/boot/vmlinuz",
            RunDirectory = "/tmp/run",
            GuestPorts = [22, 8080],
            ExtraArgs = ["-device", "virtio-rng-pci"],
        });

        argv.TakeLast(2).Should().Equal("-device", "virtio-rng-pci");
        QemuArgvPolicy.Problems(argv).Should().BeEmpty();
        QemuArgvPolicy.ExtraArgumentProblems(["-device", "virtio-rng-pci"]).Should().BeEmpty();
    }

    [TestCase(0)]
    [TestCase(65)]
    public async Task A_cpu_count_out_of_range_is_refused(int cpus) =>
        (await Builder.WithCpus(cpus).Invoking(b => b.BuildAsync()).Should().ThrowAsync<BootTestsException>())
            .Which.Message.Should().Contain($"WithCpus({cpus})");

    [Test]
    public async Task Memory_below_what_a_guest_needs_is_refused() =>
        (await Builder.WithMemory(64).Invoking(b => b.BuildAsync()).Should().ThrowAsync<BootTestsException>())
            .Which.Message.Should().Contain("WithMemory(64)").And.Contain("at least 128 MiB");

    [TestCase(22)]
    [TestCase(0)]
    [TestCase(70000)]
    public async Task A_forward_of_ssh_or_of_no_port_is_refused(int port) =>
        (await Builder.WithPortForward(port).Invoking(b => b.BuildAsync()).Should().ThrowAsync<BootTestsException>())
            .Which.Message.Should().Contain($"WithPortForward({port})");

    [Test]
    public void Tcg_boots_one_vm_per_two_cores_and_kvm_one_per_core()
    {
        var slots = new BootSlots();

        slots.CapacityFor(Accelerator.Tcg, 2).Should().Be(1);
        slots.CapacityFor(Accelerator.Tcg, 8).Should().Be(4);
        slots.CapacityFor(Accelerator.Kvm, 2).Should().Be(2);
        slots.CapacityFor(Accelerator.Tcg, 1).Should().Be(1);
        new BootSlots(3).CapacityFor(Accelerator.Tcg, 2).Should().Be(3);
    }

    [Test]
    public async Task A_boot_beyond_the_cap_waits_for_a_slot_and_says_so()
    {
        var slots = new BootSlots(1);
        var log = new List<string>();
        var first = await slots.AcquireAsync(Accelerator.Tcg, new CapturingProgress(log), CancellationToken.None);

        var second = slots.AcquireAsync(Accelerator.Tcg, new CapturingProgress(log), CancellationToken.None);
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the one slot is taken");
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        log.Should().ContainMatch("waiting for a boot slot (1 booting at once under tcg*").And.ContainMatch("a boot slot took * s");
    }
}
