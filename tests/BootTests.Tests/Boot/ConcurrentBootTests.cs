
namespace BootTests.Tests.Boot;

/// <summary>Two VMs from two sessions at the same time: both boot and pass, each on its own forwarded port and run folder.</summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class ConcurrentBootTests
{
    [Test]
    public async Task Two_sessions_booted_at_once_both_pass_on_distinct_ports_and_run_folders()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        await using var first = await BootedVm.Session().WithImage(image).BuildAsync();
        await using var second = await BootedVm.Session().WithImage(image).BuildAsync();

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var checks = await Task.WhenAll(first.RunChecksAsync(), second.RunChecksAsync());

        foreach (var (session, results) in new[] { (first, checks[0]), (second, checks[1]) })
            results.Where(r => !r.Passed).Select(r => $"{r.Name}: {r.Actual}").Should().BeEmpty(BootedVm.Evidence(session));
        first.Machine.SshHostPort.Should().NotBe(second.Machine.SshHostPort);
        first.RunDirectory.Should().NotBe(second.RunDirectory);
        first.Machine.Pid.Should().NotBe(second.Machine.Pid);
        var bootIds = await Task.WhenAll(first.Guest.RunAsync("cat /proc/sys/kernel/random/boot_id", TimeSpan.FromSeconds(30)),
            second.Guest.RunAsync("cat /proc/sys/kernel/random/boot_id", TimeSpan.FromSeconds(30)));
        bootIds[0].Stdout.Should().NotBe(bootIds[1].Stdout, "each port leads to its own guest");
        TestContext.Out.WriteLine($"ports {first.Machine.SshHostPort} and {second.Machine.SshHostPort}; ssh-ready at "
            + $"{first.Timeline.Find(BootTests.Serial.Milestones.SshReady)!.HostSeconds:F1} s and {second.Timeline.Find(BootTests.Serial.Milestones.SshReady)!.HostSeconds:F1} s");
    }
}
