using BootTests.Images;
using BootTests.Images.Rootfs;
using BootTests.Tests.Cli;

namespace BootTests.Tests.Images;

/// <summary>mmdebstrap runs the customize hook through `sh -c`: no path, and no recipe value, may become part of that shell text.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class MmdebstrapCommandTests
{
    private static readonly string Work = $"/tmp/{HostileInputTests.ShellBait}/rootfs.tmp";

    [Test]
    public void Paths_with_shell_metacharacters_travel_in_the_environment_never_in_the_hook_text()
    {
        var command = MmdebstrapCommand.For(RecipeLoader.Load(null), Work, $"{Work}/customize-rootfs.sh", $"{Work}/keys", 1_700_000_000);

        var hooks = command.Arguments.Where(a => a.StartsWith("--customize-hook=", StringComparison.Ordinal) || a.Contains("hook", StringComparison.Ordinal)).ToList();
        hooks.Should().Equal(MmdebstrapCommand.CustomizeHook);
        command.Arguments.Where(a => a.Contains(HostileInputTests.ShellBait, StringComparison.Ordinal))
            .Should().Equal([$"{Work}/rootfs.tar"], "the only path argument is the target, which mmdebstrap takes as an argument, not shell text");
        command.Environment["BOOTTESTS_HOOK"].Should().Be($"{Work}/customize-rootfs.sh");
        command.Environment["BOOTTESTS_KEYS"].Should().Be($"{Work}/keys");
        command.Environment["BOOTTESTS_OUT"].Should().Be(Work);
    }

    [Test]
    public void A_recipe_s_mmdebstrap_hooks_become_hook_dir_arguments_under_Debian_s_hook_folder()
    {
        var recipe = RecipeLoader.Load("debian-bookworm-busybox");

        var command = MmdebstrapCommand.For(recipe, Work, $"{Work}/customize-rootfs.sh", $"{Work}/keys", 1_700_000_000);

        recipe.Rootfs.Hooks.Should().Equal("merged-usr");
        command.Arguments.Where(a => a.StartsWith("--hook-dir=", StringComparison.Ordinal)).Should().Equal("--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr");
        MmdebstrapCommand.For(RecipeLoader.Load(null), Work, $"{Work}/customize-rootfs.sh", $"{Work}/keys", 1_700_000_000).Arguments
            .Should().NotContain(a => a.StartsWith("--hook-dir=", StringComparison.Ordinal), "the default recipe names no hook");
    }

    [Test]
    public void Path_filters_become_dpkg_options_excludes_first_then_includes_as_dpkg_reads_them_in_order()
    {
        var recipe = RecipeLoader.Load("debian-bookworm-busybox");

        var command = MmdebstrapCommand.For(recipe, Work, $"{Work}/customize-rootfs.sh", $"{Work}/keys", 1_700_000_000);

        command.Arguments.Where(a => a.StartsWith("--dpkgopt=", StringComparison.Ordinal)).Should().Equal(
            "--dpkgopt=path-exclude=/usr/share/doc/*", "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/info/*",
            "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-include=/usr/share/doc/*/copyright");
    }

    [Test]
    public void A_hook_folder_this_host_s_mmdebstrap_lacks_is_an_environment_error_naming_it()
    {
        using var scratch = new ScratchDirectory("boottests-hooks-");
        Directory.CreateDirectory(scratch.Combine("eatmydata"));
        var recipe = RecipeLoader.Load("debian-bookworm-busybox");

        var act = () => MmdebstrapCommand.RequireHooks(recipe, scratch.Path);

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Environment);
        error.Stage.Should().Be(Stage.Rootfs);
        error.Message.Should().Contain("'merged-usr'").And.Contain(scratch.Combine("merged-usr")).And.Contain("remove the hook");
        MmdebstrapCommand.RequireHooks(recipe);
    }

    [Test]
    public void The_hook_text_quotes_every_variable_it_expands()
    {
        var shellText = MmdebstrapCommand.CustomizeHook["--customize-hook=".Length..];

        shellText.Should().Be("\"$BOOTTESTS_HOOK\" \"$1\"");
    }
}
