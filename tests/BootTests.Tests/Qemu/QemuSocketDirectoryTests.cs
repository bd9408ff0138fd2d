using BootTests.Qemu;

namespace BootTests.Tests.Qemu;

[Category(Categories.Unit)]
public class QemuSocketDirectoryTests
{
    [Test]
    public void A_short_run_directory_holds_its_own_sockets()
    {
        using var sockets = QemuSocketDirectory.For("/tmp/run-1");
        sockets.Path.Should().Be("/tmp/run-1");
        sockets.IsPrivate.Should().BeFalse();
    }

    [Test]
    public void A_long_run_directory_gets_a_short_private_socket_directory_that_dispose_deletes()
    {
        var longDir = Path.Combine(Path.GetTempPath(), new string('r', 110));
        var sockets = QemuSocketDirectory.For(longDir);
        try
        {
            sockets.IsPrivate.Should().BeTrue();
            UnixSocketPath.DirectoryFits(sockets.Path).Should().BeTrue();
            Directory.Exists(sockets.Path).Should().BeTrue();
            File.GetUnixFileMode(sockets.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        finally
        {
            sockets.Dispose();
        }
        Directory.Exists(sockets.Path).Should().BeFalse();
    }

    [Test]
    public void The_limit_counts_bytes_not_characters()
    {
        UnixSocketPath.Fits("/" + new string('a', 106)).Should().BeTrue();
        UnixSocketPath.Fits("/" + new string('a', 107)).Should().BeFalse();
        UnixSocketPath.Fits("/" + new string('é', 60)).Should().BeFalse("é is two bytes in UTF-8");
    }
}
