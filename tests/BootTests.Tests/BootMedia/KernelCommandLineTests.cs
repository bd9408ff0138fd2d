using BootTests.BootMedia;

namespace BootTests.Tests.BootMedia;

[TestFixture]
[Category(Categories.Unit)]
public sealed class KernelCommandLineTests
{
    [TestCase("")]
    [TestCase("quiet")]
    [TestCase("boottests.probe=\"a b\" systemd.log_level=info")]
    [TestCase("x=\"it's\" y=$(touch pwned)")]
    public void Arguments_the_kernel_reads_as_written_are_accepted(string append) =>
        KernelCommandLine.Problem(append).Should().BeNull();

    [TestCase("foo=\"a b", "unbalanced")]
    [TestCase("a\nb", "\\u000a")]
    [TestCase("a\rb", "\\u000d")]
    [TestCase("a\0b", "\\u0000")]
    [TestCase("a\u001b[2Jb", "\\u001b")]
    public void Unbalanced_quotes_and_control_characters_are_refused(string append, string named) =>
        KernelCommandLine.Problem(append).Should().Contain(named);

    [Test]
    public void A_line_longer_than_the_kernel_keeps_is_refused()
    {
        var room = KernelCommandLine.MaxBytes - KernelCommandLine.Base.Length - 1;

        KernelCommandLine.Problem(new string('x', room)).Should().BeNull();
        KernelCommandLine.Problem(new string('x', room + 1)).Should().Contain("2047");
    }
}
