using System.Diagnostics;
using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Boot)]
public class AcceleratorProbeTests
{
    private static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(12);
    private string dir = "";
    private string fakeKvmDevice = "";
    private string kernel = "";

    [SetUp]
    public void CreateDirectory()
    {
        dir = Directory.CreateTempSubdirectory("bt-accel-test-").FullName;
        fakeKvmDevice = Path.Combine(dir, "kvm");
        File.WriteAllText(fakeKvmDevice, "");
        kernel = Path.Combine(dir, "vmlinuz");
        File.WriteAllText(kernel, "a stand-in kernel: the fake QEMUs do not read it");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(dir, recursive: true);

    private AcceleratorProbeOptions Options(string qemu) => new()
    {
        QemuBinary = qemu,
        CacheFile = Path.Combine(dir, "cache", "accel.json"),
        KvmDevice = fakeKvmDevice,
        Kernel = kernel,
        Timeout = TimeSpan.FromSeconds(2),
    };

    [Test]
    public async Task TCG_requested_is_TCG_without_probing()
    {
        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Tcg, Options("/nonexistent/qemu"));
        decision.Should().Be(new AcceleratorDecision(Accelerator.Tcg, "TCG was requested.", false));
    }

    [Test]
    public async Task Without_a_kvm_device_auto_is_TCG_at_once_and_says_why()
    {
        var clock = Stopwatch.StartNew();
        var decision = await AcceleratorProbe.DecideAsync(
            AcceleratorChoice.Auto, Options(FakeQemu.Working(dir)) with { KvmDevice = "/nonexistent/kvm" });

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        decision.Accelerator.Should().Be(Accelerator.Tcg);
        decision.Reason.Should().Contain("falling back to TCG").And.Contain("/nonexistent/kvm does not exist");
    }

    [Test]
    public async Task A_kernel_that_gets_through_its_start_up_under_KVM_means_KVM_and_the_answer_is_cached_with_its_evidence()
    {
        var options = Options(FakeQemu.Working(dir));

        var first = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options).WaitAsync(ProbeBudget);
        var second = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options).WaitAsync(ProbeBudget);

        first.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && !d.FromCache);
        second.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && d.FromCache);
        first.Verdict!.LastConsoleLine.Should().Contain("VFS: Unable to mount root fs", "the evidence is the kernel's own line");
        first.Verdict.Kernel.Should().Be(kernel);
        first.Verdict.DecidedBy.Should().Be(KvmVerdict.ByProbe);
        var cached = AcceleratorCache.ReadAll(options.CacheFile).Single();
        cached.Verdict.Should().Be(first.Verdict);
        File.ReadAllText(options.CacheFile!).Should().Contain("fake").And.Contain("\"Works\": true").And.Contain("VFS: Unable to mount root fs");
    }

    [Test]
    public async Task Firmware_that_runs_under_KVM_is_not_proof_when_the_kernel_never_prints()
    {
        var clock = Stopwatch.StartNew();
        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, Options(FakeQemu.FirmwareOnly(dir))).WaitAsync(ProbeBudget);

        decision.Accelerator.Should().Be(Accelerator.Tcg, "a kvm_pvm host runs SeaBIOS under KVM and then hangs Linux");
        decision.Reason.Should().Contain("stopped after 'Booting from ROM...'").And.Contain("within 2 s");
        decision.Verdict!.LastConsoleLine.Should().Be("Booting from ROM...");
        clock.Elapsed.Should().BeLessThan(ProbeBudget);
    }

    [Test]
    public async Task A_hanging_KVM_falls_back_to_TCG_after_the_probe_timeout_and_leaves_no_work_directory()
    {
        var clock = Stopwatch.StartNew();
        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, Options(FakeQemu.Hanging(dir)))
            .WaitAsync(ProbeBudget);

        clock.Elapsed.Should().BeLessThan(ProbeBudget);
        decision.Accelerator.Should().Be(Accelerator.Tcg);
        decision.Reason.Should().Contain("printed nothing within 2 s");
        var hung = int.Parse(File.ReadAllText(FakeQemu.HangingPidFile(dir)).Trim());
        (await ProcessProbe.DiesWithinAsync(hung, TimeSpan.FromSeconds(5))).Should().BeTrue("the probe stops its QEMU");
        Directory.GetDirectories(Path.GetTempPath(), "bt-probe-*").Should().BeEmpty("the probe's own work directory is removed");
    }

    [Test]
    public async Task KVM_requested_where_QEMU_aborts_is_an_environment_error_quoting_QEMU()
    {
        Func<Task> decide = () => AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, Options(FakeQemu.Aborting(dir)));

        (await decide.Should().ThrowAsync<BootTestsException>())
            .Where(e => e.ExitCode == ExitCode.Environment)
            .WithMessage("KVM was requested but*failed to set MSR*--accel tcg*");
    }

    [Test]
    public async Task A_cached_answer_is_ignored_when_the_QEMU_version_changes()
    {
        var aborting = Options(FakeQemu.Aborting(dir));
        var working = Options(FakeQemu.Working(dir));
        (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, aborting)).Accelerator.Should().Be(Accelerator.Tcg);

        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, working).WaitAsync(ProbeBudget);

        decision.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Kvm && !d.FromCache);
    }

    [Test]
    public async Task An_answer_of_the_old_firmware_only_probe_is_not_trusted()
    {
        var options = Options(FakeQemu.Hanging(dir));
        Directory.CreateDirectory(Path.GetDirectoryName(options.CacheFile)!);
        File.WriteAllText(options.CacheFile!, """
            {"Key": {"KernelRelease": "x", "QemuBinary": "q", "QemuVersion": "v", "KvmDevicePresent": true},
             "KvmWorks": true, "Reason": "a KVM guest reached its firmware's boot stage in 1.9 s.", "ProbedAt": "2026-11-26T00:00:00Z"}
            """);

        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options).WaitAsync(ProbeBudget);

        decision.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Tcg && !d.FromCache);
    }

    [Test]
    public async Task Without_a_kernel_to_boot_KVM_is_not_proven_and_nothing_is_cached()
    {
        var options = Options(FakeQemu.Working(dir)) with { Kernel = null };

        var decision = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options);

        decision.Accelerator.Should().Be(Accelerator.Tcg);
        decision.Reason.Should().Contain("no Linux kernel was at hand").And.Contain("firmware alone is not proof");
        File.Exists(options.CacheFile).Should().BeFalse();
    }

    [Test]
    public async Task A_stalled_boot_overrules_a_cached_KVM_works()
    {
        var options = Options(FakeQemu.Working(dir));
        (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options)).Accelerator.Should().Be(Accelerator.Kvm);

        await AcceleratorProbe.RecordStallAsync(options, new KvmVerdict(false, "a boot under KVM showed no kernel output within 15 s.", 15, kernel, null, null, KvmVerdict.ByStalledBoot));
        var after = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options);

        after.Should().Match<AcceleratorDecision>(d => d.Accelerator == Accelerator.Tcg && d.FromCache);
        after.Verdict!.DecidedBy.Should().Be(KvmVerdict.ByStalledBoot);
        after.Reason.Should().Contain("no kernel output within 15 s");
    }

    [Test]
    public async Task The_stand_in_for_a_kvm_pvm_host_hangs_a_real_kernel_under_KVM_and_the_probe_says_so_within_seconds()
    {
        var qemu = Path.Combine(PvmLikeQemu.Folder(Path.Combine(dir, "pvm")), "qemu-system-x86_64");
        var options = Options(qemu) with { Kernel = TestKernel.Path, Timeout = TimeSpan.FromSeconds(8) };

        var clock = Stopwatch.StartNew();
        var refused = () => AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options);

        (await refused.Should().ThrowAsync<BootTestsException>()).Which.ExitCode.Should().Be(ExitCode.Environment);
        clock.Elapsed.Should().BeLessThan(ProbeBudget);
        AcceleratorCache.ReadAll(options.CacheFile).Single().Verdict.Reason.Should().Contain("printed nothing within 8 s");
    }

    [Test]
    public async Task On_this_host_the_real_probe_boots_a_real_kernel_and_answers_within_seconds_and_an_explicit_request_agrees()
    {
        var options = Options("qemu-system-x86_64") with { KvmDevice = "/dev/kvm", Kernel = TestKernel.Path, Timeout = new AcceleratorProbeOptions().Timeout };

        var clock = Stopwatch.StartNew();
        var auto = await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, options).WaitAsync(ProbeBudget);
        var probeTime = clock.Elapsed;
        TestContext.Out.WriteLine($"Probe took {probeTime.TotalSeconds:0.00} s on {HostKvm.Read().Describe()}: {auto.Verdict}");

        probeTime.Should().BeLessThan(ProbeBudget);
        clock.Restart();
        if (auto.Accelerator == Accelerator.Tcg)
        {
            Func<Task> explicitKvm = () => AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options with { CacheFile = null });
            (await explicitKvm.Should().ThrowAsync<BootTestsException>()).Which.ExitCode.Should().Be(ExitCode.Environment);
        }
        else
        {
            auto.Verdict!.LastConsoleLine.Should().MatchRegex("VFS: Unable to mount root fs|Run /init|No working init");
            (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Kvm, options)).Accelerator.Should().Be(Accelerator.Kvm);
        }
        clock.Elapsed.Should().BeLessThan(ProbeBudget);
    }
}
