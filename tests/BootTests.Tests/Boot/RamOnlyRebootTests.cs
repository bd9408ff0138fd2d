using BootTests.Guest;
using BootTests.Session;

namespace BootTests.Tests.Boot;

/// <summary>Nothing survives a reboot of a RAM-root system: a file written before is gone after, and the system comes back.</summary>
[Category(Categories.Boot)]
[NonParallelizable]
public sealed class RamOnlyRebootTests
{
    [Test]
    public async Task A_file_written_before_a_reboot_is_gone_after_it()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        await using var session = await BootedVm.Session().WithImage(image).BuildAsync();
        await session.StartAsync();
        (await session.Guest.RunAsync("echo written-before-reboot > /root/ram-only-marker && sync && cat /root/ram-only-marker"))
            .Stdout.Should().Contain("written-before-reboot");

        // The machine runs with -no-reboot so a panic ends it; for this test a guest reboot must reset instead.
        await session.Machine.Qmp.ExecuteAsync("set-action", new { reboot = "reset" });
        await session.Guest.RunAsync("systemctl reboot", TimeSpan.FromSeconds(10)).ContinueWith(_ => { });

        await WaitForSecondBootAsync(session.ConsoleLogPath, TimeSpan.FromMinutes(3));
        await using var again = await SshGuestShell.ConnectAsync(
            new GuestEndpoint("127.0.0.1", session.Machine.SshHostPort), session.Target.Credentials, session.Target.HostKey,
            new SshReadiness(TimeSpan.FromMinutes(3)));
        var after = await again.RunAsync("test -e /root/ram-only-marker && echo still-there || echo gone; timeout 60 systemctl is-system-running --wait");
        after.Stdout.Should().Contain("gone").And.Contain("running", BootedVm.Evidence(session));
    }

    private static async Task WaitForSecondBootAsync(string consoleLog, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline)
        {
            var text = await File.ReadAllTextAsync(consoleLog);
            if (CountOf(text, "boottests: switch-root") >= 2) return;
            await Task.Delay(500);
        }
        Assert.Fail($"The guest did not boot a second time within {budget.TotalSeconds} s; console log: {consoleLog}");
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
