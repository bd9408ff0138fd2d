using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Cli;

/// <summary>
/// What `dotnet pack` made, as a user gets it: the tool installs from the packed folder alone (a nuget.config that lists
/// only it, and a fresh package cache, so nothing older is picked up) and runs; the packages say what they are.
/// </summary>
[TestFixture]
[Category(Categories.Package)]
[NonParallelizable]
public sealed class PackagedToolTests
{
    private TempDirectory scratch = null!;
    private string boottest = null!;

    [OneTimeSetUp]
    public async Task Install_the_packed_tool_into_a_temporary_tool_path()
    {
        scratch = new TempDirectory();
        var config = scratch.Combine("nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{PackedPackages.Folder}" />
              </packageSources>
            </configuration>
            """);
        var tools = scratch.Combine("tools");
        var install = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["tool", "install", "--tool-path", tools, "--configfile", config, "--version", PackedPackages.Version, "boottest"])
            .WithEnvironmentVariables(e => e.Set("NUGET_PACKAGES", scratch.Combine("nuget-packages")).Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        install.ExitCode.Should().Be(0, $"dotnet tool install said:\n{install.StandardOutput}\n{install.StandardError}");
        boottest = Path.Combine(tools, "boottest");
    }

    [OneTimeTearDown]
    public void Remove_it() => scratch?.Dispose();

    private Task<BufferedCommandResult> RunAsync(params string[] arguments) =>
        CliWrap.Cli.Wrap(boottest).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

    [Test]
    public async Task The_installed_tool_says_its_version()
    {
        var result = await RunAsync("--version");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Trim().Should().StartWith(PackedPackages.Version);
    }

    [Test]
    public async Task The_installed_tool_runs_doctor_and_finds_every_prerequisite()
    {
        var result = await RunAsync("doctor");

        result.ExitCode.Should().Be(0, $"run-tests.sh installs every prerequisite first; doctor said:\n{result.StandardOutput}{result.StandardError}");
        result.StandardOutput.Should().Contain("qemu-system-x86_64").And.Contain("accel");
    }

    [TestCase("boottest")]
    [TestCase("BootTests.Harness")]
    [TestCase("BootTests.NUnit")]
    public void Each_package_names_its_licence_readme_repository_and_description(string id)
    {
        var metadata = PackedPackages.Nuspec(id).Element("metadata")!;

        metadata.Element("id")!.Value.Should().Be(id);
        metadata.Element("version")!.Value.Should().Be(PackedPackages.Version);
        metadata.Element("description")!.Value.Should().NotBeNullOrWhiteSpace();
        metadata.Element("license")!.Value.Should().Be("MIT");
        metadata.Element("readme")!.Value.Should().Be("README.md");
        metadata.Element("repository")!.Attribute("url")!.Value.Should().StartWith("https://github.com/");
        PackedPackages.Files(id).Should().Contain(["README.md", "LICENSE"]);
    }

    [Test]
    public void The_library_package_carries_its_recipes_and_the_test_kit_depends_on_it_and_on_nunit()
    {
        PackedPackages.Files("BootTests.Harness").Should().Contain("lib/net10.0/BootTests.Harness.dll");
        var dependencies = PackedPackages.Nuspec("BootTests.NUnit").Descendants("dependency").Select(d => d.Attribute("id")!.Value);
        dependencies.Should().Contain(["BootTests.Harness", "NUnit"]);
        PackedPackages.Nuspec("boottest").Descendants("packageType").Select(t => t.Attribute("name")!.Value).Should().Contain("DotnetTool");
    }
}
