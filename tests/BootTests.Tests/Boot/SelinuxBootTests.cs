using BootTests.Checks;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>
/// SELinux checked for real: the default tree plus Debian's selinux-basics and selinux-policy-default, booted with
/// security=selinux selinux=1. The seed's SELINUX=disabled passes with the LSM active; the same guest then fails the
/// check once its config says enforcing, and once a policy is loaded (permissive).
/// </summary>
[TestFixture]
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class SelinuxBootTests
{
    private BootSession session = null!;

    public static Recipe SelinuxRecipe => BootedVm.DefaultRecipe with
    {
        Name = "debian-bookworm-selinux",
        Rootfs = BootedVm.DefaultRecipe.Rootfs with { Packages = [.. BootedVm.DefaultRecipe.Rootfs.Packages, "selinux-basics", "selinux-policy-default"] },
    };

    [OneTimeSetUp]
    public async Task Boot_it_once()
    {
        var image = await BootedVm.BuildAsync(SelinuxRecipe);
        session = await BootedVm.Session().WithImage(image).WithAppend("security=selinux selinux=1").BuildAsync();
        await session.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    private async Task<CheckResult> SelinuxCheckAsync() => (await session.RunChecksAsync(checks: [new SelinuxDisabledCheck()])).Single();

    [Test]
    [Order(1)]
    public async Task With_the_LSM_active_and_the_config_disabled_no_policy_is_loaded_and_it_passes()
    {
        var result = await SelinuxCheckAsync();

        result.Status.Should().Be(CheckStatus.Pass, result.Actual);
        result.Actual.Should().Contain("selinux").And.Contain("no policy loaded");
        (await session.Guest.RunAsync("getenforce")).Stdout.Trim().Should().Be("Disabled", "SELinux's own tool agrees");
    }

    [Test]
    [Order(2)]
    public async Task A_config_that_says_enforcing_fails()
    {
        await session.Guest.RunAsync("sed -i 's/^SELINUX=.*/SELINUX=enforcing/' /etc/selinux/config");

        var result = await SelinuxCheckAsync();

        result.Status.Should().Be(CheckStatus.Fail);
        result.Actual.Should().Contain("SELINUX=enforcing");
    }

    [Test]
    [Order(3)]
    public async Task A_loaded_policy_fails_as_the_kernel_reports_SELinux_enabled()
    {
        var load = await session.Guest.RunAsync(
            "sed -i 's/^SELINUX=.*/SELINUX=permissive/' /etc/selinux/config && mount -t selinuxfs selinuxfs /sys/fs/selinux && load_policy && getenforce",
            TimeSpan.FromSeconds(120));

        var result = await SelinuxCheckAsync();

        load.Stdout.Trim().Should().Be("Permissive", load.Stderr);
        result.Status.Should().Be(CheckStatus.Fail);
        result.Actual.Should().Contain("a policy is loaded, permissive").And.Contain("system_u:");
    }
}
