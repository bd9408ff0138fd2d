namespace BootTests.Tests.Cli;

/// <summary>`boottest build` and `boottest diff` with imported sources, as a user runs them: what they print and how they exit.</summary>
[TestFixture]
[Category(Categories.Image)]
[NonParallelizable]
public sealed class SourceCliTests
{
    private ScratchDirectory scratch = null!;

    [OneTimeSetUp]
    public void Create_a_folder() => scratch = new ScratchDirectory("boottests-source-cli-");

    [OneTimeTearDown]
    public void Delete_it() => scratch.Dispose();

    private static string[] ErrorLines(string stderr) => stderr.Split('\n').Where(l => l.StartsWith("boottest:", StringComparison.Ordinal)).ToArray();

    private async Task<string> BuildAsync(string name, object rootfs, object? overlay = null)
    {
        var recipe = ImportRecipes.Write(scratch.Path, name, rootfs, overlay: overlay);
        var output = scratch.Combine(name + "-image");
        var result = await BoottestCli.RunAsync("build", "--recipe", recipe.Source, "--out", output);
        result.ExitCode.Should().Be(0, result.StandardError);
        return output;
    }

    [Test]
    public async Task Build_of_a_tarball_prints_the_source_its_kernel_each_fix_up_and_the_warnings()
    {
        var recipe = ImportRecipes.Write(scratch.Path, "cli-tar", ImportRecipes.Tar(await ImportInputs.DistroTarAsync()));

        var result = await BoottestCli.RunAsync("build", "--recipe", recipe.Source);

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain($"source:     tar {await ImportInputs.DistroTarAsync()} (sha256:")
            .And.Contain("(the tree's /boot/vmlinuz-6.1.0-57-amd64)")
            .And.MatchRegex(@"fix-up:\s+fstab\s+done\s+emptied /etc/fstab")
            .And.MatchRegex(@"fix-up:\s+devtmpfs\s+not needed")
            .And.Contain("warning:    fstab-block: /etc/fstab: had 1 entry that needs block devices");
    }

    [Test]
    public async Task A_corrupt_tarball_exits_3_with_one_line_naming_it_and_gzip_s_words()
    {
        var tar = new SmallTar().Dir("etc").RandomFile("etc/a", 50000, 1).WriteTo(scratch.Combine("small.tar"));
        var gz = scratch.Combine("corrupt.tar.gz");
        await ImportInputs.RunAsync("gzip", ["-k", tar]);
        var bytes = File.ReadAllBytes(tar + ".gz");
        bytes[^8] ^= 0xff;
        File.WriteAllBytes(gz, bytes);
        var recipe = ImportRecipes.Write(scratch.Path, "cli-corrupt", ImportRecipes.Tar(gz));

        var result = await BoottestCli.RunAsync("build", "--recipe", recipe.Source);

        result.ExitCode.Should().Be(3, result.StandardError);
        ErrorLines(result.StandardError).Should().ContainSingle().Which.Should().StartWith($"boottest: source: The tarball '{gz}' is damaged: gzip says").And.Contain("crc error");
    }

    [Test]
    public async Task A_tree_without_an_init_exits_3_with_one_line_from_the_lint()
    {
        var recipe = ImportRecipes.Write(scratch.Path, "cli-no-init", ImportRecipes.Tar(await ImportInputs.NoInitTarAsync()));

        var result = await BoottestCli.RunAsync("build", "--recipe", recipe.Source);

        result.ExitCode.Should().Be(3, result.StandardError);
        ErrorLines(result.StandardError).Should().ContainSingle().Which.Should().StartWith("boottest: lint: The tar source").And.Contain("/sbin/init: is missing").And.Contain("fix: install an init");
    }

    [Test]
    public async Task Diff_of_two_builds_exits_1_listing_what_changed_and_0_for_the_same_image()
    {
        var tar = await ImportInputs.DistroTarAsync();
        var a = await BuildAsync("cli-diff-a", ImportRecipes.Tar(tar));
        var b = await BuildAsync("cli-diff-b", ImportRecipes.Tar(tar), overlay: new object[] { new { path = "etc/motd", content = "changed\n" } });

        var different = await BoottestCli.RunAsync("diff", a, b);
        var same = await BoottestCli.RunAsync("diff", a, a);

        different.ExitCode.Should().Be(1, different.StandardError);
        different.StandardOutput.Should().StartWith("files: 0 added, 0 removed, 1 changed").And.Contain("file     ~ /etc/motd (content,").And.Contain("manifest recipe: cli-diff-a → cli-diff-b");
        same.ExitCode.Should().Be(0, same.StandardError);
        same.StandardOutput.Should().StartWith("identical");
    }

    [Test]
    public async Task Diff_of_a_folder_that_is_not_an_image_exits_3_naming_it()
    {
        var result = await BoottestCli.RunAsync("diff", scratch.Path, scratch.Combine("nowhere"));

        result.ExitCode.Should().Be(3);
        ErrorLines(result.StandardError).Should().ContainSingle().Which.Should().StartWith($"boottest: diff: IMAGE_A '{scratch.Path}' is not a BootTests image");
    }
}
