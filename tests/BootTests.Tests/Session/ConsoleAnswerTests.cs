using System.Text;
using BootTests.Qemu;
using BootTests.Serial;
using BootTests.Session;

namespace BootTests.Tests.Session;

/// <summary>The console feed types an answer once its prompt shows in the line still waiting for its newline, fed a recorded iPXE boot in chunks (no QEMU).</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class ConsoleAnswerTests
{
    private readonly List<string> typed = [];
    private readonly List<string> said = [];

    [SetUp]
    public void Clear()
    {
        typed.Clear();
        said.Clear();
    }

    private ConsoleFeed Feed(params ConsoleAnswer[] answers)
    {
        var feed = new ConsoleFeed(new BootTimeline(), new ConsoleHistory(), null, null, answers, said.Add);
        ((IConsoleSink)feed).OnConsoleConnected(bytes =>
        {
            typed.Add(Encoding.UTF8.GetString(bytes.Span));
            return Task.CompletedTask;
        });
        return feed;
    }

    private static void Replay(ConsoleFeed feed, byte[] console, int chunk)
    {
        for (var at = 0; at < console.Length; at += chunk)
            feed.OnConsoleBytes(console.AsSpan(at, Math.Min(chunk, console.Length - at)), at / 1e6);
    }

    // The ROM waits right after its prompt (then erases it with backspaces), so a read ends there whatever the chunking.
    private static void ReplayWaitingAtPrompts(ConsoleFeed feed, byte[] console, int chunk)
    {
        var prompt = Encoding.UTF8.GetBytes(ConsoleAnswer.IpxeShellBanner.Prompt);
        var wait = console.AsSpan().IndexOf(prompt) + prompt.Length;
        wait.Should().BeGreaterThan(prompt.Length - 1, "the recording has iPXE's prompt");
        Replay(feed, console[..wait], chunk);
        Replay(feed, console[wait..], chunk);
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public void A_recorded_ipxe_boot_gets_one_space_at_its_ctrl_b_banner(int chunk)
    {
        var feed = Feed(ConsoleAnswer.IpxeShellBanner);

        ReplayWaitingAtPrompts(feed, Transcripts.Bytes("recorded-ipxe-ok.console.log"), chunk);

        typed.Should().Equal(" ");
        feed.Typed.Should().Equal(ConsoleAnswer.IpxeShellBanner);
        said.Should().Equal(ConsoleAnswer.IpxeShellBanner.Why);
    }

    [Test]
    public void The_banner_before_each_boot_is_answered_again()
    {
        var feed = Feed(ConsoleAnswer.IpxeShellBanner);
        var banner = Encoding.UTF8.GetBytes("iPXE 1.0.0\r\n\r\nPress Ctrl-B for the iPXE command line...");

        Replay(feed, banner, 5);
        Replay(feed, Encoding.UTF8.GetBytes("\b \b\b \b      net0: 52:54:00:12:34:56 using virtio-net\r\nreboot\r\n"), 3);
        Replay(feed, banner, 5);

        typed.Should().Equal(" ", " ");
    }

    [TestCase("recorded-fast-layout-ok.console.log")]
    [TestCase("recorded-grub-bios-ok.console.log")]
    public void A_console_without_the_prompt_gets_nothing(string transcript)
    {
        var feed = Feed(ConsoleAnswer.IpxeShellBanner);

        Replay(feed, Transcripts.Bytes(transcript), 512);

        typed.Should().BeEmpty();
        feed.Typed.Should().BeEmpty();
    }

    [Test]
    public void Without_answers_the_ipxe_prompt_is_left_to_time_out()
    {
        var feed = Feed();

        ReplayWaitingAtPrompts(feed, Transcripts.Bytes("recorded-ipxe-ok.console.log"), 64);

        typed.Should().BeEmpty();
    }
}
