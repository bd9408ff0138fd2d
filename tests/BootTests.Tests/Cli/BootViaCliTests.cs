using BootTests.Tests.Images;

namespace BootTests.Tests.Cli;

/// <summary>--boot-via on the real CLI: a value outside direct, grub, ipxe is a usage error before anything is built or booted.</summary>
[Category(Categories.Unit)]
public class BootViaCliTests
{
    [TestCase("run")]
    [TestCase("measure")]
    [TestCase("boot")]
    public async Task An_unknown_boot_path_exits_3_naming_the_value_and_the_choices(string command)
    {
        var result = await BoottestCli.RunAsync(command, "--boot-via", "pxe");

        result.ExitCode.Should().Be(3, result.StandardError);
        result.StandardError.Should().Contain("--boot-via 'pxe'").And.Contain("direct, grub, grub-uefi, ipxe");
    }

    [Test]
    public async Task Verify_checks_the_boot_path_too()
    {
        var kernel = Path.Combine(TestContext.CurrentContext.TestDirectory, "transcripts", "recorded-ipxe-ok.console.log");
        var result = await BoottestCli.RunAsync("verify", "--kernel", kernel, "--initrd", kernel, "--ssh-password", "x", "--boot-via", "floppy");

        result.ExitCode.Should().Be(3, result.StandardError);
        result.StandardError.Should().Contain("--boot-via 'floppy'");
    }

    [Test]
    public async Task Run_help_lists_the_boot_paths()
    {
        var result = await BoottestCli.RunAsync("run", "--help");
        result.StandardOutput.Should().Contain("--boot-via").And.Contain("ipxe");
    }
}
