using BootTests.Images;
using BootTests.Tests.Images;
using BootTests.Tests.Qemu;

namespace BootTests.Tests.Cli;

/// <summary>BOOTTESTS_ACCEL and `doctor`'s accelerator verdict, as the real CLI shows them, on a host made kvm_pvm-like by the stand-in QEMU.</summary>
[TestFixture]
[Category(Categories.Boot)]
public sealed class AcceleratorCliTests
{
    [Test]
    public async Task A_BOOTTESTS_ACCEL_that_is_not_an_accelerator_is_a_usage_error_naming_the_variable()
    {
        var result = await BoottestCli.RunInAsync(null, new Dictionary<string, string?> { ["BOOTTESTS_ACCEL"] = "fast" }, TimeSpan.FromMinutes(1), "run");

        result.ExitCode.Should().Be(3, result.StandardError);
        result.StandardError.Should().Contain("BOOTTESTS_ACCEL='fast' is not an accelerator").And.Contain("auto, kvm or tcg");
    }

    [Test]
    public async Task Doctor_proves_KVM_with_a_real_kernel_shows_the_evidence_and_the_cache_and_follows_BOOTTESTS_ACCEL()
    {
        using var dir = new ScratchDirectory("boottests-doctor-");
        var cache = new CacheDirectory(dir.Combine("cache"));
        Directory.CreateDirectory(Path.Combine(cache.ImagesFolder, "some-image"));
        File.Copy(TestKernel.Path, Path.Combine(cache.ImagesFolder, "some-image", "vmlinuz"));
        var env = new Dictionary<string, string?> { ["BOOTTESTS_CACHE"] = cache.Root, ["PATH"] = PvmLikeQemu.PathWith(dir.Combine("qemu")), ["BOOTTESTS_ACCEL"] = null };

        var auto = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "doctor");
        env["BOOTTESTS_ACCEL"] = "kvm";
        var kvm = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "doctor");
        env["BOOTTESTS_ACCEL"] = "tcg";
        var tcg = await BoottestCli.RunInAsync(null, env, TimeSpan.FromMinutes(1), "doctor");

        auto.ExitCode.Should().Be(0, auto.StandardOutput + auto.StandardError);
        auto.StandardOutput.Should().Contain("boots use    tcg: KVM cannot run Linux here")
            .And.Contain("printed nothing within 8 s")
            .And.Contain($"booted {Path.Combine(cache.ImagesFolder, "some-image", "vmlinuz")}").And.Contain("last console line: (none)")
            .And.Contain("decided by   probe").And.Contain($"cache        {cache.AcceleratorFile}");
        File.Exists(cache.AcceleratorFile).Should().BeTrue("the verdict lives under BOOTTESTS_CACHE");
        kvm.ExitCode.Should().Be(4, "KVM is asked for where it cannot run Linux");
        kvm.StandardOutput.Should().Contain("BOOTTESTS_ACCEL=kvm").And.Contain("cached since");
        tcg.ExitCode.Should().Be(0);
        tcg.StandardOutput.Should().Contain("boots use    tcg (asked for)");
    }
}
