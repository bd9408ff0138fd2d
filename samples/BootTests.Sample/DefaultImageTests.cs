using BootTests.NUnit;
using NUnit.Framework;

namespace Sample;

/// <summary>The default image, built (cached) and booted once for the fixture; each test asks the running guest something.</summary>
public class DefaultImageTests : BootedVmFixture
{
    [Test]
    public async Task Root_is_a_tmpfs() =>
        Assert.That((await Vm.SucceedAsync("findmnt -n -o FSTYPE /")).Trim(), Is.EqualTo("tmpfs"));

    [Test]
    public async Task Sshd_is_up_and_listening()
    {
        await Vm.WaitForUnitAsync("ssh.service");
        await Vm.WaitForOpenPortAsync(22);
    }

    [Test]
    public async Task Nothing_is_mounted_from_a_disk() =>
        await Vm.FailAsync("grep -q '^/dev/[sv]d' /proc/mounts");
}
