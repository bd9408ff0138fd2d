using BootTests.Images;
using BootTests.Tests.Boot;

namespace BootTests.Tests.Faults;

/// <summary>A guest that boots but cannot be reached as promised: sshd disabled, a different host key, credentials it refuses.</summary>
public sealed class SshFaultTests : FaultCase
{
    private const string SshdStartedLine = @"Started.*ssh\.service|Started OpenBSD Secure Shell server";

    // systemd prints no more status once the serial getty owns the console, so the login prompt may be the last word.
    private const string LoginPrompt = @"^\S+ login: ";

    [Test]
    public async Task An_image_with_sshd_disabled_fails_in_the_sshd_stage_soon_after_multi_user_not_at_a_timeout()
    {
        var recipe = BootedVm.DefaultRecipe with
        {
            Name = "debian-bookworm-no-sshd",
            Overlay = [new OverlayFile { Path = "etc/systemd/system/ssh.service", Symlink = "/dev/null" }],
        };
        var image = await BootedVm.BuildAsync(recipe);
        var run = await Scratch.RunAsync(FaultTrigger.Line($"Reached target.*Multi-User System|{LoginPrompt}"), FaultInputs.Verify(image));
        await ShouldBeReportedAsync(run, 2, ["sshd-started"], "login:", "sshd never started");
        run.ConsoleLog.Should().NotMatchRegex(SshdStartedLine);
        run.FailureMessage.Should().NotContain("did not become ready within", "the report says sshd, not a generic SSH timeout");
    }

    [Test]
    public async Task A_BusyBox_image_whose_rc_script_starts_no_SSH_server_fails_in_the_sshd_stage_soon_after_its_login_prompt()
    {
        var recipe = RecipeLoader.Load("debian-bookworm-busybox") with
        {
            Name = "debian-bookworm-busybox-no-dropbear",
            Overlay = [new OverlayFile { Path = "etc/init.d/S50dropbear", Content = "#!/bin/busybox sh\nexit 0\n", Mode = "0755" }],
        };
        var image = await BootedVm.BuildAsync(recipe);
        var run = await Scratch.RunAsync(FaultTrigger.Line(LoginPrompt), FaultInputs.Verify(image));
        await ShouldBeReportedAsync(run, 2, ["sshd-started"], "login:", "sshd never started");
        run.FailureMessage.Should().Contain("login prompt").And.Contain("dropbear", "the hint names what a BusyBox image would start");
    }

    [Test]
    public async Task A_different_host_key_than_the_pinned_one_fails_at_the_first_handshake()
    {
        var image = await FaultInputs.DefaultImageAsync();
        const string wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var run = await Scratch.RunAsync(FaultTrigger.Line($"{SshdStartedLine}|{LoginPrompt}"), FaultInputs.Verify(image, hostKey: wrong));
        await ShouldBeReportedAsync(run, 2, ["ssh-ready"], "OpenBSD Secure Shell server", wrong);
        run.Output.Should().Contain(image.Manifest.HostKeyFingerprint, "the report shows the key the guest really has");
    }

    [Test]
    public async Task A_key_the_guest_does_not_accept_fails_at_the_first_login()
    {
        var image = await FaultInputs.DefaultImageAsync();
        var stranger = await FaultInputs.StrangerKeyAsync(Scratch.Input("stranger_ed25519"));
        var run = await Scratch.RunAsync(FaultTrigger.Line($"{SshdStartedLine}|{LoginPrompt}"), FaultInputs.Verify(image, key: stranger));
        await ShouldBeReportedAsync(run, 2, ["ssh-ready"], "OpenBSD Secure Shell server", "was refused by the guest");
        run.Output.Should().Contain("authorized_keys");
    }
}
