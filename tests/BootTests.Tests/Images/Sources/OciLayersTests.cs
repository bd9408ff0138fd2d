using BootTests.Images;
using BootTests.Images.Sources;

namespace BootTests.Tests.Images.Sources;

/// <summary>Layers apply in order with the OCI whiteout rules; each rule is shown by the tree it leaves.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class OciLayersTests
{
    private ScratchDirectory scratch = null!;

    [SetUp]
    public void Create() => scratch = new ScratchDirectory("boottests-layers-");

    [TearDown]
    public void Delete() => scratch.Dispose();

    private string Base() => new SmallTar().Dir("opt").File("opt/keep").File("opt/to-delete").Dir("opt/old").File("opt/old/one").Dir("opt/old/sub").File("opt/old/sub/two")
        .Dir("etc").File("etc/motd", "base\n").WriteTo(scratch.Combine("base.tar"));

    private async Task<RootfsTree> MergeAsync(params string[] layers) =>
        new((await OciLayers.MergeAsync(layers, "OCI image 'test'", scratch.Path, CancellationToken.None)).Entries);

    [Test]
    public async Task A_whiteout_removes_the_file_of_the_layer_below()
    {
        var tree = await MergeAsync(Base(), new SmallTar().File("opt/.wh.to-delete", "").WriteTo(scratch.Combine("l2.tar")));

        tree.Get("opt/to-delete").Should().BeNull();
        tree.Get("opt/keep").Should().NotBeNull();
        tree.Entries.Should().NotContain(e => e.Path.Contains(".wh.", StringComparison.Ordinal), "whiteout markers are not part of the tree");
    }

    [Test]
    public async Task A_whiteout_of_a_folder_removes_everything_under_it()
    {
        var tree = await MergeAsync(Base(), new SmallTar().File("opt/.wh.old", "").WriteTo(scratch.Combine("l2.tar")));

        tree.Entries.Should().NotContain(e => e.Path.StartsWith("opt/old", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_opaque_folder_keeps_only_what_its_own_layer_puts_there_wherever_the_marker_sits()
    {
        var layer = new SmallTar().Dir("opt/old").File("opt/old/new", "new\n").File("opt/old/.wh..wh..opq", "").WriteTo(scratch.Combine("l2.tar"));

        var tree = await MergeAsync(Base(), layer);

        tree.Entries.Where(e => e.Path.StartsWith("opt/old/", StringComparison.Ordinal)).Select(e => e.Path).Should().Equal("opt/old/new");
        tree.Get("opt/keep").Should().NotBeNull("an opaque folder hides only its own contents");
    }

    [Test]
    public async Task A_later_layer_replaces_a_file_and_a_file_replaces_a_folder()
    {
        var layer = new SmallTar().File("etc/motd", "layer 2\n").File("opt/old", "now a file\n").WriteTo(scratch.Combine("l2.tar"));

        var tree = await MergeAsync(Base(), layer);

        tree.ReadText("etc/motd").Should().Be("layer 2\n");
        tree.ReadText("opt/old").Should().Be("now a file\n");
        tree.Entries.Should().NotContain(e => e.Path.StartsWith("opt/old/", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_whiteout_of_something_not_there_changes_nothing()
    {
        var tree = await MergeAsync(Base(), new SmallTar().File("opt/.wh.never-was", "").WriteTo(scratch.Combine("l2.tar")));

        tree.Entries.Select(e => e.Path).Should().Contain(["opt/keep", "opt/to-delete", "opt/old/sub/two"]);
    }

    [Test]
    public async Task A_layer_going_through_a_symbolic_link_of_the_layer_below_is_refused()
    {
        var lower = new SmallTar().Symlink("opt", "/etc").WriteTo(scratch.Combine("l1.tar"));
        var upper = new SmallTar().File("opt/passwd", "x\n").WriteTo(scratch.Combine("l2.tar"));

        var act = () => MergeAsync(lower, upper);

        (await act.Should().ThrowAsync<BootTestsException>()).Which.Message.Should().Contain("through the symbolic link 'opt' -> '/etc'");
    }
}
