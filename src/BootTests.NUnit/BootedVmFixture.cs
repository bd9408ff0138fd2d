using BootTests.Session;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace BootTests.NUnit;

/// <summary>
/// Base of an NUnit fixture whose tests share one VM: the image is built (cached by content, under a cross-process lock)
/// and booted once before the first test, waiting for a boot slot (<see cref="BootSlots.Shared"/>: what the cores
/// allow), and stopped after the last. A failed test gets the run's console log, QEMU command line and report attached.
/// </summary>
[FixtureLifeCycle(LifeCycle.SingleInstance)]
public abstract class BootedVmFixture
{
    private BootSession? vm;
    private BootFailedException? bootFailure;

    /// <summary>The booted VM: the guest verbs (SucceedAsync, WaitForUnitAsync, RebootAsync…), its console and run files.</summary>
    protected BootSession Vm => vm ?? throw new InvalidOperationException("The VM is not booted: it is booted in the fixture's OneTimeSetUp.");

    /// <summary>Override to choose what boots and how: recipe or image, layout, CPUs, memory, QEMU binary and arguments, forwards, console rules.</summary>
    protected virtual BootSessionBuilder Configure(BootSessionBuilder builder) => builder;

    [OneTimeSetUp]
    public async Task BootTheVmAsync()
    {
        var builder = new BootSessionBuilder().WithProgress(new NUnitProgress(GetType().Name)).WithBootSlots(BootSlots.Shared);
        vm = await Configure(builder).BuildAsync();
        try
        {
            await vm.StartAsync();
        }
        catch (BootFailedException e)
        {
            // Failing here would fail the tests without their attachments; each test fails in its SetUp instead.
            bootFailure = e;
        }
    }

    [SetUp]
    public void FailWhenTheVmDidNotBoot()
    {
        if (bootFailure is null) return;
        RunFileAttachments.Attach(Vm);
        Assert.Fail($"The fixture's VM did not boot, so this test could not run.\n{bootFailure.Message}");
    }

    [TearDown]
    public void AttachTheRunFilesToAFailedTest()
    {
        if (vm is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed) RunFileAttachments.Attach(vm);
    }

    [OneTimeTearDown]
    public async Task StopTheVmAsync()
    {
        if (vm is not null) await vm.DisposeAsync();
    }
}
