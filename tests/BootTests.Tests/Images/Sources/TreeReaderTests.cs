using BootTests.Images.Cpio;
using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>A tar read as a root tree trusts nothing in it: each way out of the tree is refused naming the member; the rest reads as tar would unpack it.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class TreeReaderTests
{
    private ScratchDirectory scratch = null!;

    [SetUp]
    public void Create() => scratch = new ScratchDirectory("boottests-treereader-");

    [TearDown]
    public void Delete() => scratch.Dispose();

    public static IEnumerable<TestCaseData> Escapes()
    {
        yield return new TestCaseData(Make(p => new SmallTar().Dir("etc").File("/tmp/escaped-absolute").WriteTo(p)), "'/tmp/escaped-absolute', an absolute path").SetName("An absolute member is refused");
        yield return new TestCaseData(Make(p => new SmallTar().File("../escaped-dotdot").WriteTo(p)), "'../escaped-dotdot', which escapes the tree through '..'").SetName("A member climbing out with .. is refused");
        yield return new TestCaseData(Make(p => new SmallTar().Dir("etc").File("etc/../../escaped-mid").WriteTo(p)), "escapes the tree through '..'").SetName("A member climbing out in the middle is refused");
        yield return new TestCaseData(Make(p => new SmallTar().Dir("etc").HardLink("etc/passwd", "../../../../etc/passwd").WriteTo(p)), "hard link target '../../../../etc/passwd'").SetName("A hard link out of the tree is refused");
        yield return new TestCaseData(Make(p => new SmallTar().Dir("etc").HardLink("etc/a", "etc/not-yet").WriteTo(p)), "'etc/a' -> 'etc/not-yet', whose target is not a file earlier in the tree").SetName("A hard link to nothing before it is refused");
        yield return new TestCaseData(Make(p => new SmallTar().Symlink("evil-link", "/tmp").File("evil-link/escaped-through-symlink").WriteTo(p)), "through the symbolic link 'evil-link' -> '/tmp'").SetName("A member through a symbolic link is refused");
        yield return new TestCaseData(Make(p => new SmallTar().File("etc").File("etc/passwd").WriteTo(p)), "inside 'etc', which is not a directory").SetName("A member inside a file is refused");
    }

    private static Func<string, string> Make(Func<string, string> write) => write;

    [TestCaseSource(nameof(Escapes))]
    public void A_way_out_of_the_tree_is_a_usage_error_naming_the_member(Func<string, string> write, string expected)
    {
        var path = write(scratch.Combine("bad.tar"));

        var act = () => TreeReader.Read(path, "tarball 'bad.tar'");

        var error = act.Should().Throw<BootTestsException>().Which;
        error.ExitCode.Should().Be(ExitCode.Usage);
        error.Stage.Should().Be(Stage.Source);
        error.Message.Should().StartWith("The tarball 'bad.tar' has ").And.Contain(expected).And.NotContain("\n");
    }

    [Test]
    public void Names_lose_their_dot_slash_and_missing_parents_become_folders()
    {
        var path = new SmallTar().Dir("./").File("./etc/os-release", "ID=debian\n").File("usr/bin/tool", "#!/bin/sh\n", "755").WriteTo(scratch.Combine("t.tar"));

        var tree = TreeReader.Read(path, "tarball").Entries;

        tree.Select(e => e.Path).Should().Equal("etc", "etc/os-release", "usr", "usr/bin", "usr/bin/tool");
        tree.Single(e => e.Path == "usr").Type.Should().Be(CpioEntryType.Directory);
        tree.Single(e => e.Path == "usr/bin/tool").Permissions.Should().Be(Convert.ToInt32("755", 8));
    }

    [Test]
    public void A_later_member_replaces_an_earlier_one_and_hard_links_keep_the_content_they_had()
    {
        var path = new SmallTar().Dir("etc").File("etc/motd", "first\n").HardLink("etc/motd.link", "etc/motd").File("etc/motd", "second\n").WriteTo(scratch.Combine("t.tar"));

        var tree = new BootTests.Images.RootfsTree(TreeReader.Read(path, "tarball").Entries);

        tree.ReadText("etc/motd").Should().Be("second\n");
        tree.ReadText("etc/motd.link").Should().Be("first\n", "the link was made to the file as it was then, as tar -x does");
        tree.Get("etc/motd.link")!.HardLinkTo.Should().BeNull();
    }

    [Test]
    public void Ownership_devices_and_links_come_through()
    {
        var path = new SmallTar().Dir("dev").CharDevice("dev/null", 1, 3).File("etc/shadow", "root:*:1::::::\n", "640", 0, 42).Symlink("etc/localtime", "/usr/share/zoneinfo/UTC").WriteTo(scratch.Combine("t.tar"));

        var tree = TreeReader.Read(path, "tarball").Entries.ToDictionary(e => e.Path);

        tree["dev/null"].Should().Match<CpioEntry>(e => e.Type == CpioEntryType.CharacterDevice && e.DeviceMajor == 1 && e.DeviceMinor == 3);
        tree["etc/shadow"].Gid.Should().Be(42);
        tree["etc/localtime"].LinkTarget.Should().Be("/usr/share/zoneinfo/UTC");
    }

    [Test]
    public void A_tar_with_no_members_is_refused()
    {
        var path = scratch.Combine("only-eof.tar");
        File.WriteAllBytes(path, new byte[1024]);

        var act = () => TreeReader.Read(path, "tarball 'only-eof.tar'");

        act.Should().Throw<BootTestsException>().WithMessage("The tarball 'only-eof.tar' holds no files; give the whole root tree*");
    }
}
