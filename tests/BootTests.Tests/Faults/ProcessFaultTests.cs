using System.Diagnostics;
using BootTests.Console;
using BootTests.Qemu;

namespace BootTests.Tests.Faults;

/// <summary>The processes themselves fail: QEMU killed mid-boot, the harness killed with SIGKILL, KVM asked for where it hangs.</summary>
public sealed class ProcessFaultTests : FaultCase
{
    [Test]
    public async Task QEMU_killed_mid_boot_fails_the_boot_at_once_naming_the_stage_it_was_in()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var trigger = FaultTrigger.InjectAfter("Run /init as init process", probe => PosixSignals.Send(probe.QemuPid, 9));
        var run = await Scratch.RunAsync(trigger, FaultInputs.Verify(image));
        await ShouldBeReportedAsync(run, 2, [.. Milestones.InBootOrder], "Run /init as init process", "QEMU exited with code");
    }

    [Test]
    public async Task The_harness_killed_with_SIGKILL_mid_boot_takes_its_qemu_with_it()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var qemuPid = 0;
        var sinceKill = new Stopwatch();
        var trigger = FaultTrigger.InjectAfter("Run /init as init process", probe =>
        {
            qemuPid = probe.QemuPid;
            PosixSignals.Send(probe.HarnessPid, 9);
            sinceKill.Start();
        });
        var run = await Scratch.RunAsync(trigger, FaultInputs.Verify(image));

        run.ExitCode.Should().Be(128 + 9, "the harness died of SIGKILL; nothing of it can report, so the promise is that nothing survives it");
        qemuPid.Should().BePositive();
        var died = await Tests.Qemu.ProcessProbe.DiesWithinAsync(qemuPid, TimeSpan.FromSeconds(DeadlineSeconds));
        var seconds = sinceKill.Elapsed.TotalSeconds;
        died.Should().BeTrue($"QEMU (pid {qemuPid}) must die with its harness");
        File.ReadAllText(run.ConsoleLogPath!).Should().Contain("Run /init as init process", "the console log up to the kill stays as evidence");
        var line = $"fault-to-report [{TestContext.CurrentContext.Test.MethodName}]: {seconds:F1} s (SIGKILL to the harness until its QEMU was gone)";
        TestContext.Out.WriteLine(line);
        seconds.Should().BeLessThanOrEqualTo(DeadlineSeconds);
        await Scratch.ShouldLeaveNothingBehindAsync(run, harnessWasKilled: true);
    }

    [Test]
    public async Task KVM_requested_where_it_hangs_is_refused_within_seconds_and_auto_falls_back_to_TCG()
    {
        var image = await FaultInputs.DefaultImageAsync();
        // A private cache, so the KVM probe really runs instead of answering from an earlier run.
        var fresh = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = Scratch.PrivateCache };
        var probeClock = Stopwatch.StartNew();
        if (await KvmWorksHereAsync())
        {
            // Users' CI hosts have a working KVM: there is no fault to inject, only the quick decision to show.
            probeClock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
            Assert.Pass($"KVM works on this host (decided in {probeClock.Elapsed.TotalSeconds:F1} s); the refusal is shown on hosts where it hangs.");
        }

        var refused = await Scratch.RunAsync(new FaultTrigger.AtStart(), FaultInputs.Verify(image, accel: "kvm"), fresh);
        refused.ExitCode.Should().Be(4, refused.Output);
        refused.StandardError.Should().Contain("boottest: boot: KVM was requested but does not work on this host").And.Contain("--accel tcg");
        RecordTime(refused);
        refused.ReportSeconds.Should().BeLessThan(15, "refusing KVM takes a probe of a few seconds, not a boot budget");
        await Scratch.ShouldLeaveNothingBehindAsync(refused);

        File.Delete(Scratch.ReportPath);
        Directory.Delete(Scratch.PrivateCache, recursive: true);
        var initrd = FaultInputs.TinyInitramfs(FaultInputs.ClassicInitWithoutRootfs, Scratch.Input("classic.img"));
        var fellBack = await Scratch.RunAsync(FaultTrigger.Line("Jumping into the shell"), FaultInputs.Verify(image, initrd: initrd, memory: "512M", accel: "auto"), fresh);
        fellBack.StandardError.Should().Contain("warning: KVM is not usable, falling back to TCG");
        fellBack.ReportJson.Should().Contain("\"accelerator\": \"tcg\"");
        fellBack.ExitCode.Should().Be(2, fellBack.Output);
        await Scratch.ShouldLeaveNothingBehindAsync(fellBack);
    }

    private static async Task<bool> KvmWorksHereAsync() =>
        (await AcceleratorProbe.DecideAsync(AcceleratorChoice.Auto, new AcceleratorProbeOptions())).Accelerator == Accelerator.Kvm;
}
