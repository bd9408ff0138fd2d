using BootTests.Checks;
using BootTests.Images;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>
/// A sysvinit image whose /etc/rc.local exits 1: sysvinit keeps no record of it, the console's startpar summary is the
/// only evidence, and the checks must find it there (the same image with a good rc.local passes in OtherInitBootTests).
/// </summary>
[TestFixture]
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class BrokenInitScriptBootTests
{
    private BootSession session = null!;
    private IReadOnlyList<CheckResult> checks = [];

    [OneTimeSetUp]
    public async Task Boot_it_once()
    {
        var recipe = RecipeLoader.Load("debian-bookworm-sysvinit") with
        {
            Name = "debian-bookworm-sysvinit-broken-rc-local",
            Overlay = [new OverlayFile { Path = "etc/rc.local", Content = "#!/bin/sh\necho 'rc.local: giving up'\nexit 1\n", Mode = "0755" }],
        };
        var image = await BootedVm.BuildAsync(recipe);
        session = await BootedVm.Session().WithImage(image).BuildAsync();
        await session.StartAsync();
        checks = await session.RunChecksAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_vm() => await session.DisposeAsync();

    [Test]
    public void The_failed_script_fails_system_running_and_no_boot_errors_naming_it_and_the_verdict_is_fail()
    {
        var systemRunning = BootedVm.Check(checks, "system-running");
        var noBootErrors = BootedVm.Check(checks, "no-boot-errors");

        systemRunning.Status.Should().Be(CheckStatus.Fail, BootedVm.Evidence(session));
        systemRunning.Actual.Should().Contain("init scripts that failed:").And.Contain("rc.local");
        noBootErrors.Status.Should().Be(CheckStatus.Fail);
        session.CreateReport(checks).Verdict.Should().Be("fail");
    }

    [Test]
    public void The_RAM_root_core_still_passes() =>
        RamRootChecks.Core.Should().OnlyContain(core => BootedVm.Check(checks, core).Passed);
}
