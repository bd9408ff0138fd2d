using BootTests.Checks;

namespace BootTests.Tests.Checks;

[TestFixture]
[Category(Categories.Unit)]
public sealed class SelinuxDisabledCheckTests
{
    private static Task<CheckResult> Run(FakeGuest guest) =>
        new SelinuxDisabledCheck().RunAsync(guest, CheckTestContext.Quiet, CancellationToken.None);

    [Test]
    public async Task Disabled_in_the_config_and_absent_from_the_kernel_passes()
    {
        var result = await Run(GoodRamRootGuest.Create());

        result.Passed.Should().BeTrue();
        result.Actual.Should().Contain("SELINUX=disabled").And.Contain("enforce: absent").And.Contain("apparmor");
    }

    [Test]
    public async Task Enforcing_in_the_config_fails_and_shows_the_setting()
    {
        var guest = GoodRamRootGuest.Create().WithFile("/etc/selinux/config", "SELINUX=enforcing\nSELINUXTYPE=targeted\n");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Contain("SELINUX=enforcing");
    }

    [Test]
    public async Task A_missing_config_fails()
    {
        var result = await Run(GoodRamRootGuest.Create().WithoutFile("/etc/selinux/config"));

        result.Passed.Should().BeFalse();
        result.Actual.Should().Contain("/etc/selinux/config: missing");
    }

    [Test]
    public async Task A_loaded_policy_fails_even_when_the_config_says_disabled()
    {
        var guest = GoodRamRootGuest.Create()
            .WithFile("/sys/fs/selinux/enforce", "0")
            .WithFile("/sys/kernel/security/lsm", "lockdown,capability,selinux,bpf")
            .WithFile("/proc/self/attr/current", "system_u:system_r:kernel_t:s0\0");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Contain("a policy is loaded, permissive").And.Contain("enforce: 0").And.Contain("selinux,bpf").And.Contain("kernel_t");
    }

    [Test]
    public async Task A_policy_context_alone_is_enough_to_fail()
    {
        var guest = GoodRamRootGuest.Create()
            .WithoutFile("/sys/kernel/security/lsm")
            .WithFile("/proc/self/attr/current", "system_u:system_r:init_t:s0");

        (await Run(guest)).Passed.Should().BeFalse();
    }

    [Test]
    public async Task The_SELinux_LSM_without_a_policy_is_disabled_as_a_kernel_booted_with_security_selinux_shows_it()
    {
        // Seen in a real boot with security=selinux selinux=1 and SELINUX=disabled: getenforce says Disabled.
        var guest = GoodRamRootGuest.Create()
            .WithFile("/sys/kernel/security/lsm", "lockdown,capability,landlock,yama,selinux,bpf")
            .WithFile("/proc/self/attr/current", "kernel\0");

        var result = await Run(guest);

        result.Passed.Should().BeTrue(result.Actual);
        result.Actual.Should().Contain("no policy loaded");
    }
}
