using BootTests.Images;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class InitScriptTests
{
    private static readonly ByteSize Size = ByteSize.FromMiB(1536);

    [TestCase(ImageLayout.Seed)]
    [TestCase(ImageLayout.Fast)]
    public void The_rendered_init_has_no_placeholders_left(ImageLayout layout)
    {
        var script = InitScript.Render(layout, Size);

        InitScript.Template.Should().Contain("@LAYOUT@").And.Contain("@TMPFS_SIZE@");
        script.Should().NotContain("@LAYOUT@").And.NotContain("@TMPFS_SIZE@");
        script.Should().StartWith("#!/bin/busybox sh\n");
        script.Should().Contain($"case {layout.Name()} in");
        script.Should().Contain("mount -t tmpfs -o size=1536M,mode=0755 tmpfs /newroot");
    }

    [TestCase(ImageLayout.Seed)]
    [TestCase(ImageLayout.Fast)]
    public void The_rendered_init_prints_a_marker_for_every_stage(ImageLayout layout)
    {
        var script = InitScript.Render(layout, Size);

        foreach (var marker in new[] { "say init-start", "say extract-begin", "say extract-end", "say switch-root" })
            script.Should().Contain(marker);
        script.Should().Contain("echo \"boottests: error $1: $2\"");
        script.Should().Contain("exec switch_root /newroot /sbin/init");
    }

    [Test]
    public void The_seed_init_unpacks_the_xz_tar_and_the_fast_init_the_tar_parts()
    {
        InitScript.Render(ImageLayout.Seed, Size).Should().Contain("xz -dc /rootfs.tar.xz | tar -x -C /newroot");
        InitScript.Render(ImageLayout.Fast, Size).Should().Contain("/payload/skeleton.tar").And.Contain("/payload/part-*.tar.zst");
    }

    [TestCase(ImageLayout.Seed)]
    [TestCase(ImageLayout.Fast)]
    public async Task The_rendered_init_passes_busybox_sh_syntax_check(ImageLayout layout)
    {
        using var dir = new ScratchDirectory();
        var path = dir.Combine("init");
        await File.WriteAllTextAsync(path, InitScript.Render(layout, Size));

        var result = await CliWrap.Cli.Wrap("/bin/busybox").WithArguments(["sh", "-n", path])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardError.Should().BeEmpty();
    }

    [Test]
    public async Task Busybox_sh_syntax_check_does_reject_a_broken_script()
    {
        using var dir = new ScratchDirectory();
        var path = dir.Combine("init");
        await File.WriteAllTextAsync(path, InitScript.Render(ImageLayout.Fast, Size).Replace("esac", "", StringComparison.Ordinal));

        var result = await CliWrap.Cli.Wrap("/bin/busybox").WithArguments(["sh", "-n", path])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        result.ExitCode.Should().NotBe(0);
    }
}
