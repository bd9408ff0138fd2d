using System.Text.Json;
using System.Xml.Linq;
using BootTests.Tests.Images;

namespace BootTests.Tests.Cli;

/// <summary>The README's main job and `verify`, run as the real CLI process: exit codes, terminal output, JSON and JUnit.</summary>
[Category(Categories.Boot)]
[Parallelizable(ParallelScope.Self)]
public sealed class CliBootTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("boottests-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Run_on_the_default_recipe_exits_0_and_writes_a_passing_report()
    {
        // Every path has spaces, quotes, a comma and shell metacharacters; the canary shows none reached a shell.
        var bait = Directory.CreateDirectory(Path.Combine(folder, Cli.HostileInputTests.ShellBait)).FullName;
        var recipe = Path.Combine(bait, "recipe $(touch pwned).json");
        await File.WriteAllTextAsync(recipe, BootTests.Images.RecipeLoader.ReadEmbeddedText(BootTests.Images.RecipeLoader.DefaultName));
        var json = Path.Combine(bait, "report `touch pwned`.json");
        var junit = Path.Combine(bait, "junit 'x'.xml");
        var result = await BoottestCli.RunInAsync(folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5),
            "run", "--recipe", recipe, "--json", json, "--junit", junit, "--artifacts", Path.Combine(bait, "runs; touch pwned"));

        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        Cli.Canary.ShouldFindNoneUnder(folder);
        result.StandardOutput.Should().Contain("ssh-ready").And.Contain("root-is-tmpfs").And.Contain("verdict: pass");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        report.RootElement.GetProperty("verdict").GetString().Should().Be("pass");
        report.RootElement.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("name").GetString())
            .Should().Contain(["kernel-start", "extract-end", "switch-root", "ssh-ready"]);
        report.RootElement.GetProperty("schemaVersion").GetInt32().Should().Be(BootTests.Reports.RunReport.CurrentSchemaVersion);
        // auto: under TCG the vmlinux through its PVH entry (the emulated bzImage decompressor costs seconds), under KVM the bzImage.
        var attempt = report.RootElement.GetProperty("attempts").EnumerateArray().Last();
        attempt.GetProperty("kernelEntry").GetString().Should().Be(attempt.GetProperty("accelerator").GetString() == "tcg" ? "pvh" : "bzimage");
        report.RootElement.GetProperty("timestamp").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        suite.Attribute("name")!.Value.Should().Be("debian-bookworm/fast/direct");
        suite.Elements("testcase").Select(c => c.Attribute("name")!.Value).Should().Equal(["boot", .. BootTests.Checks.RamRootChecks.All.Select(c => c.Name)]);
        suite.Elements("testcase").First().Element("system-out")!.Value.Should().Contain("[[ATTACHMENT|").And.Contain("console.log]]");
        result.StandardError.Should().Contain("kernel-start at").And.Contain("switch-root at", "each milestone is shown as it is reached");

        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var keys = Path.Combine(new BootTests.Images.Rootfs.RootfsBuilder(BootTests.Images.CacheDirectory.Default()).FolderFor(BootedVm.DefaultRecipe), "keys");
        var scan = new SecretScan().WithPrivateKeyFile(image.ClientKeyPath).WithPrivateKeyFile(Path.Combine(keys, "ssh_host_ed25519_key"));
        scan.Leaks([.. SecretScan.FilesUnder(bait), ("stdout", result.StandardOutput), ("stderr", result.StandardError)])
            .Should().BeEmpty("no private key reaches the reports, the run files or the terminal");
    }

    [Test]
    public async Task Verify_of_a_kernel_and_initramfs_made_elsewhere_exits_0_with_the_host_key_pinned()
    {
        var image = await BootedVm.BuildAsync(BootedVm.DefaultRecipe);
        var json = Path.Combine(folder, "verify.json");
        var result = await BoottestCli.RunAsync("verify", "--kernel", image.KernelPath, "--initrd", image.InitramfsPath,
            "--memory", image.Manifest.Memory, "--ssh-key", image.ClientKeyPath, "--host-key", image.Manifest.HostKeyFingerprint,
            "--tmpfs-size", image.Manifest.TmpfsSize, "--json", json, "--artifacts", Path.Combine(folder, "runs"), "--kernel-entry", "bzimage");

        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        // The bzImage path, held here on every host: its real-mode setup and decompressor run as a boot loader hands them over.
        KernelEntriesIn(json).Should().Equal("bzimage");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        report.RootElement.GetProperty("verdict").GetString().Should().Be("pass");
        report.RootElement.GetProperty("hostKeyPinned").GetBoolean().Should().BeTrue();
        report.RootElement.GetProperty("kernelVersion").GetString().Should().Be(image.Manifest.KernelVersion);
    }

    private static List<string?> KernelEntriesIn(string json)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        return report.RootElement.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("kernelEntry").GetString()).ToList();
    }

    [Test]
    public async Task Verify_of_a_file_that_is_not_a_kernel_is_a_usage_error()
    {
        var notKernel = Path.Combine(folder, "not a kernel; $(touch x)");
        await File.WriteAllTextAsync(notKernel, "hello");
        var result = await BoottestCli.RunAsync("verify", "--kernel", notKernel, "--initrd", notKernel, "--ssh-password", "secret-pw");

        result.ExitCode.Should().Be(3);
        result.StandardError.Should().Contain(notKernel).And.NotContain("secret-pw").And.NotContain("   at ");
    }
}
