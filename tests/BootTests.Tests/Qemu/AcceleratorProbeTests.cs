using System.Diagnostics;
using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Boot)]
public class AcceleratorProbeTests
{
    private static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(6);
    private string _dir = "";
    private string _fakeKvmDevice = "";

    [SetUp]
    public void CreateDirectory()
    {
        _dir = Directory.CreateTempSubdirectory("bt-accel-test-").FullName;
        _fakeKvmDevice = Path.Combine(_dir, "kvm");
        File.WriteAllText(_fakeKvmDevice, "");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private AcceleratorProbeOptions Options(string qemu) => new()
    {
        QemuBinary = qemu,
        CacheFile = Path.Combine(_dir, "cache", "accel.json"),
        KvmDevice = _fakeKvmDevice,
    };

    [Test]
    public async Task TCG_requested_is_TCG_without_probing()
    {
        AcceleratorDecision decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Tcg, Options("/nonexistent/qemu"));
        decision.Should().Be(new AcceleratorDecision(Accelerator.Tcg, "TCG was requested.", false));
    }

    [Test]
    public async Task Without_a_kvm_device_auto_is_TCG_at_once_and_says_why()
    {
        var clock = Stopwatch.StartNew();
        AcceleratorDecision decision = await AcceleratorProbe.DecideAsync(
            AcceleratorChoice.Auto, Options(FakeQemu.Working(_dir)) with { KvmDevice = "/nonexistent/kvm" });

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        decision.Accelerator.Should().Be(Accelerator.Tcg);
        decision.Reason.Should().Contain("falling back to TCG").And.Contain("/nonexistent/kvm does not exist");
    }

    [Test]
    public async Task A_KVM_guest_that_reaches_its_firmware_boot_stage_means_KVM_and_the_answer_is_cached()
    {
        AcceleratorProbeOptions options = Options(FakeQemu.Working(_dir));

        AcceleratorDecision first = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options).WaitAsync(ProbeBudget);
        AcceleratorDecision second = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options).WaitAsync(ProbeBudget);

        first.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && !d.FromCache);
        second.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && d.FromCache);
        File.ReadAllText(options.CacheFile!).Should().Contain("fake").And.Contain("KvmWorks");
    }

    [Test]
    public async Task A_hanging_KVM_falls_back_to_TCG_after_the_probe_timeout()
    {
        var clock = Stopwatch.StartNew();
        AcceleratorDecision decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, Options(FakeQemu.Hanging(_dir)))
            .WaitAsync(ProbeBudget);

        clock.Elapsed.Should().BeLessThan(ProbeBudget);
        decision.Accelerator.Should().Be(Accelerator.Tcg);
        decision.Reason.Should().Contain("did not get through its firmware within 4 s");
        Directory.GetDirectories(Path.GetTempPath(), "bt-probe-*").Should().BeEmpty("the probe's own work directory is removed");
    }

    [Test]
    public async Task KVM_requested_where_QEMU_aborts_is_an_environment_error_quoting_QEMU()
    {
        Func<Task> decide = () => AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, Options(FakeQemu.Aborting(_dir)));

        (await decide.Should().ThrowAsync<BootTestsException>())
            .Where(e => e.ExitCode == ExitCode.Environment)
            .WithMessage("KVM was requested but*failed to set MSR*--accel tcg*");
    }

    [Test]
    public async Task A_cached_answer_is_ignored_when_the_QEMU_version_changes()
    {
        AcceleratorProbeOptions aborting = Options(FakeQemu.Aborting(_dir));
        AcceleratorProbeOptions working = Options(FakeQemu.Working(_dir));
        (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, aborting)).Accelerator.Should().Be(Accelerator.Tcg);

        AcceleratorDecision decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, working).WaitAsync(ProbeBudget);

        decision.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && !d.FromCache);
    }

    [Test]
    public async Task On_this_host_the_real_probe_answers_within_seconds_and_an_explicit_request_agrees()
    {
        AcceleratorProbeOptions options = Options("qemu-system-x86_64") with { KvmDevice = "/dev/kvm" };

        var clock = Stopwatch.StartNew();
        AcceleratorDecision auto = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options).WaitAsync(ProbeBudget);
        TimeSpan probeTime = clock.Elapsed;
        TestContext.Out.WriteLine($"Probe took {probeTime.TotalSeconds:0.00} s: {auto}");

        probeTime.Should().BeLessThan(ProbeBudget);
        clock.Restart();
        if (auto.Accelerator == Accelerator.Tcg)
        {
            Func<Task> explicitKvm = () => AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options with { CacheFile = null });
            (await explicitKvm.Should().ThrowAsync<BootTestsException>()).Which.ExitCode.Should().Be(ExitCode.Environment);
        }
        else
        {
            (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options)).Accelerator.Should().Be(Accelerator.Kvm);
        }
        clock.Elapsed.Should().BeLessThan(ProbeBudget);
    }
}
