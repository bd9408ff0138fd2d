using System.Diagnostics;
using BootTests.Qemu;
using BootTests.Serial;

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
        var died = await ProcessProbe.DiesWithinAsync(qemuPid, TimeSpan.FromSeconds(DeadlineSeconds));
        var seconds = sinceKill.Elapsed.TotalSeconds;
        died.Should().BeTrue($"QEMU (pid {qemuPid}) must die with its harness");
        File.ReadAllText(run.ConsoleLogPath!).Should().Contain("Run /init as init process", "the console log up to the kill stays as evidence");
        var line = $"fault-to-report [{TestContext.CurrentContext.Test.MethodName}]: {seconds:F1} s (SIGKILL to the harness until its QEMU was gone)";
        TestContext.Out.WriteLine(line);
        seconds.Should().BeLessThanOrEqualTo(DeadlineSeconds);
        await Scratch.ShouldLeaveNothingBehindAsync(run, harnessWasKilled: true);
    }

    [Test]
    public async Task KVM_asked_for_on_a_host_whose_KVM_cannot_run_Linux_exits_4_within_seconds()
    {
        await FaultInputs.DefaultImageAsync();
        var standIn = await PvmLikeHostAsync(forget: true);

        var refused = await Scratch.RunAsync(new FaultTrigger.AtStart(), ["run", "--accel", "kvm"], standIn);

        refused.ExitCode.Should().Be(4, refused.Output);
        refused.StandardError.Should().Contain("boottest: boot: KVM was requested but does not work on this host")
            .And.Contain("printed nothing within 8 s").And.Contain("--accel tcg");
        RecordTime(refused);
        refused.ReportSeconds.Should().BeLessThan(20, "refusing KVM takes a probe of a few seconds, not a boot budget");
        await Scratch.ShouldLeaveNothingBehindAsync(refused);
    }

    [Test]
    public async Task Auto_on_a_host_whose_KVM_stalls_the_kernel_warns_records_it_and_passes_under_TCG()
    {
        await FaultInputs.DefaultImageAsync();
        // As on a kvm_pvm host whose cached answer came from firmware only (or from another kernel): KVM is believed to work.
        var standIn = await PvmLikeHostAsync(forget: false);

        var run = await Scratch.RunAsync(new FaultTrigger.AtStart(), ["run", "--accel", "auto"], standIn);

        run.ExitCode.Should().Be(0, run.Output);
        run.StandardError.Should().Contain("warning: KVM STALLED: a boot of debian-bookworm/fast under KVM showed no kernel output within 15 s")
            .And.Contain("KVM is now recorded as unusable on this host").And.Contain("booting again under TCG");
        using var report = System.Text.Json.JsonDocument.Parse(run.ReportJson!);
        report.RootElement.GetProperty("accelerator").GetString().Should().Be("tcg");
        var attempts = report.RootElement.GetProperty("attempts").EnumerateArray().ToList();
        attempts.Select(a => (a.GetProperty("accelerator").GetString(), a.GetProperty("outcome").GetString()))
            .Should().Equal(("kvm", "stalled"), ("tcg", "booted"));
        var stalledFiles = attempts[0].GetProperty("runFiles").GetString()!;
        File.ReadAllLines(Path.Combine(stalledFiles, "qemu-argv.txt")).Should().Contain("kvm", "the first attempt asked for KVM");
        File.ReadAllText(run.ConsoleLogPath!).Should().Contain("Linux version", "the second attempt's console is the run's console");
        var verdict = AcceleratorCache.Read(AcceleratorProbeOptions.DefaultCacheFile, await StandInKeyAsync())!.Verdict;
        verdict.Should().Match<KvmVerdict>(v => !v.Works && v.DecidedBy == KvmVerdict.ByStalledBoot);

        var stall = ProgressSeconds(run.StandardError, "warning: KVM STALLED");
        var tcgBoot = ProgressSeconds(run.StandardError, "under tcg");
        var kvmBoot = ProgressSeconds(run.StandardError, "under kvm");
        TestContext.Out.WriteLine($"kvm boot started at {kvmBoot:F1} s, stall reported at {stall:F1} s, TCG boot started at {tcgBoot:F1} s ({tcgBoot - stall:F1} s after the stall)");
        (tcgBoot - stall).Should().BeLessThan(10, "the stalled QEMU is stopped and TCG starts at once");
        await Scratch.ShouldLeaveNothingBehindAsync(run);
    }

    /// <summary>A private PATH whose qemu-system-x86_64 behaves like a kvm_pvm host, and (unless forgotten) a cached "KVM works" for it.</summary>
    private async Task<Dictionary<string, string?>> PvmLikeHostAsync(bool forget)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = PvmLikeQemu.PathWith(Scratch.Input("qemu")), ["BOOTTESTS_ACCEL"] = null };
        var previous = Environment.GetEnvironmentVariable("PATH");
        var key = await StandInKeyAsync();
        var cache = AcceleratorProbeOptions.DefaultCacheFile;
        if (forget)
        {
            AcceleratorCache.Remove(cache, key);
        }
        else
        {
            AcceleratorCache.Write(cache, new AcceleratorCache.Entry(key,
                new KvmVerdict(true, "a KVM guest reached its firmware's boot stage in 1.9 s.", 1.9, null, null, null, KvmVerdict.ByProbe), DateTimeOffset.UtcNow));
        }

        return environment;
    }

    private async Task<AcceleratorCache.Key> StandInKeyAsync()
    {
        var qemu = Path.Combine(PvmLikeQemu.Folder(Scratch.Input("qemu")), "qemu-system-x86_64");
        var key = await AcceleratorCache.CurrentKeyAsync(new AcceleratorProbeOptions { QemuBinary = qemu });
        // The child finds the stand-in by name on its PATH, so that is the binary its key names.
        return key with { QemuBinary = "qemu-system-x86_64" };
    }

    /// <summary>The "[  12.3s]" stamp of the first progress line containing <paramref name="text"/>.</summary>
    private static double ProgressSeconds(string stderr, string text)
    {
        var line = stderr.Split('\n').First(l => l.Contains(text, StringComparison.Ordinal));
        return double.Parse(line[1..line.IndexOf("s]", StringComparison.Ordinal)].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
