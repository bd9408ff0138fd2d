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
    public async Task SELinux_active_in_the_kernel_fails_even_when_the_config_says_disabled()
    {
        var guest = GoodRamRootGuest.Create()
            .WithFile("/sys/fs/selinux/enforce", "0")
            .WithFile("/sys/kernel/security/lsm", "lockdown,capability,selinux,bpf")
            .WithFile("/proc/self/attr/current", "system_u:system_r:kernel_t:s0\0");

        var result = await Run(guest);

        result.Passed.Should().BeFalse();
        result.Actual.Should().Contain("enforce: present").And.Contain("selinux,bpf").And.Contain("kernel_t");
    }

    [Test]
    public async Task An_selinux_process_context_alone_is_enough_to_fail()
    {
        var guest = GoodRamRootGuest.Create()
            .WithoutFile("/sys/kernel/security/lsm")
            .WithFile("/proc/self/attr/current", "kernel");

        (await Run(guest)).Passed.Should().BeFalse();
    }
}
