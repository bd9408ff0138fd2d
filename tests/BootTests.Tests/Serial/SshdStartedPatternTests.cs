using BootTests.Serial;

namespace BootTests.Tests.Serial;

/// <summary>The LSB script's sshd line counts when its "." was pushed to the next line (seen in a sysvinit boot), and not when it failed.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class SshdStartedPatternTests
{
    [TestCase("Starting OpenBSD Secure Shell server: sshd.", true)]
    [TestCase("Starting OpenBSD Secure Shell server: sshd", true)]
    [TestCase("Starting OpenBSD Secure Shell server: sshd failed!", false)]
    [TestCase("Starting OpenBSD Secure Shell server: sshdx", false)]
    public void The_LSB_line_counts_with_or_without_its_end_mark(string line, bool started) =>
        ConsolePatterns.SshdStarted().IsMatch(line).Should().Be(started);
}
