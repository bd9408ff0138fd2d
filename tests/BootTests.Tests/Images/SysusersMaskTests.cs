using BootTests.Images;
using BootTests.Images.Rootfs;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Images;

/// <summary>
/// The default recipes mask systemd-sysusers (its ConditionNeedsUpdate=/etc holds on every RAM boot, since the tree
/// has no /etc/.updated and /usr's mtime is the extraction's): that is sound only while the packages' own
/// maintainer scripts already created every user and group that sysusers.d declares, which Debian's systemd-sysusers
/// checks against the tree.
/// </summary>
[TestFixture]
[Category(Categories.Image)]
public sealed class SysusersMaskTests
{
    private ScratchDirectory root = null!;

    [OneTimeSetUp]
    public async Task Unpack_the_default_tree_s_user_database()
    {
        var rootfs = await new RootfsBuilder(CacheDirectory.Default(), BootedVm.Log).BuildAsync(DefaultImages.Recipe, noCache: false, CancellationToken.None);
        root = new ScratchDirectory("boottests-sysusers-");
        await CliWrap.Cli.Wrap("tar").WithArguments(["-xf", rootfs.TarPath, "-C", root.Path, "./etc/passwd", "./etc/group", "./etc/shadow", "./etc/gshadow", "./usr/lib/sysusers.d"])
            .ExecuteBufferedAsync();
    }

    [OneTimeTearDown]
    public void Delete() => root.Dispose();

    [Test]
    public void Both_default_recipes_mask_it()
    {
        foreach (var recipe in new[] { DefaultImages.Recipe, RecipeLoader.LoadEmbedded("debian-bookworm-full") })
            recipe.Overlay.Should().Contain(o => o.Path == "etc/systemd/system/systemd-sysusers.service" && o.Symlink == "/dev/null", recipe.Name);
    }

    [Test]
    public async Task Systemd_sysusers_would_create_nothing_in_the_default_tree()
    {
        (await DryRunAsync()).Should().NotContain("Creating");
    }

    [Test]
    public async Task It_would_create_a_user_the_tree_lacks()
    {
        var passwd = Path.Combine(root.Path, "etc/passwd");
        var kept = await File.ReadAllLinesAsync(passwd);
        try
        {
            await File.WriteAllLinesAsync(passwd, kept.Where(l => !l.StartsWith("systemd-network:", StringComparison.Ordinal)));

            (await DryRunAsync()).Should().Contain("Creating user 'systemd-network'");
        }
        finally
        {
            await File.WriteAllLinesAsync(passwd, kept);
        }
    }

    private async Task<string> DryRunAsync()
    {
        var result = await CliWrap.Cli.Wrap("systemd-sysusers").WithArguments([$"--root={root.Path}", "--dry-run"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        result.ExitCode.Should().Be(0, result.StandardError);
        return result.StandardOutput + result.StandardError;
    }
}
