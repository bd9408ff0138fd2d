using BootTests.Images;

namespace BootTests.Tests.Images;

[TestFixture]
[Category(Categories.Unit)]
public sealed class TreePathTests
{
    [TestCase("etc/x", "etc/x")]
    [TestCase("./etc//x", "etc/x")]
    [TestCase("etc/./x/", "etc/x")]
    [TestCase("root/.ssh/authorized_keys", "root/.ssh/authorized_keys")]
    [TestCase("a b/c;d", "a b/c;d")]
    [TestCase("..x/y..", "..x/y..")]
    public void A_relative_path_is_normalised_to_slash_separated_parts(string path, string expected)
    {
        TreePath.Normalize(path).Should().Be(expected);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(".")]
    [TestCase("./")]
    [TestCase("/etc/x")]
    [TestCase("../x")]
    [TestCase("etc/../x")]
    [TestCase("etc/..")]
    [TestCase("etc/\0x")]
    public void A_path_that_is_absolute_empty_or_climbs_out_is_refused(string path)
    {
        TreePath.Normalize(path).Should().BeNull();
    }
}
