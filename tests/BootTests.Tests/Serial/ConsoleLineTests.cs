using BootTests.Serial;

namespace BootTests.Tests.Serial;

[TestFixture]
[Category(Categories.Unit)]
public class ConsoleLineTests
{
    [Test]
    public void A_printk_timestamp_gives_the_guest_seconds_and_the_message_without_it()
    {
        var line = new ConsoleLine("[    2.213324] Run /init as init process");

        line.GuestSeconds.Should().Be(2.213324);
        line.Message.Should().Be("Run /init as init process");
    }

    [Test]
    public void A_wide_printk_timestamp_is_parsed_too()
    {
        new ConsoleLine("[12345.000001] late message").GuestSeconds.Should().Be(12345.000001);
    }

    [Test]
    public void A_systemd_status_line_has_no_guest_time_and_keeps_its_text()
    {
        var line = new ConsoleLine("[  OK  ] Started ssh.service - OpenBSD Secure Shell server.");

        line.GuestSeconds.Should().BeNull();
        line.Message.Should().Be(line.Text);
    }
}
