using System.Text;
using BootTests.Serial;

namespace BootTests.Tests.Serial;

[TestFixture]
[Category(Categories.Unit)]
public class ConsoleLineSplitterTests
{
    private const string Sample =
        "[\u001b[0;32m  OK  \u001b[0m] Started \u001b[0;1;39mssh.service\u001b[0m - OpenBSD Secure Shell server.\r\r\n" +
        "[    2.213324] Run /init as init process\r\n" +
        "Grüße … ✓ 🐧\r\n" +
        "\u001bM\r\u001b[K[\u001b[0;1;31m TIME \u001b[0m] Timed out waiting for device \u001b[0;1;…dev-ttyS0.device\u001b[0m - /dev/ttyS0.\r\r\n";

    private static readonly string[] SampleLines =
    [
        "[  OK  ] Started ssh.service - OpenBSD Secure Shell server.",
        "[    2.213324] Run /init as init process",
        "Grüße … ✓ 🐧",
        "[ TIME ] Timed out waiting for device …dev-ttyS0.device - /dev/ttyS0.",
    ];

    [Test]
    public void A_sample_with_escapes_CRs_and_multibyte_text_gives_the_visible_lines()
    {
        CompleteLines(Encoding.UTF8.GetBytes(Sample)).Should().Equal(SampleLines);
    }

    [Test]
    public void Splitting_the_input_at_every_byte_position_gives_the_same_lines()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);

        for (var cut = 0; cut <= bytes.Length; cut++)
            CompleteLines(bytes[..cut], bytes[cut..]).Should().Equal(SampleLines, $"the input was cut at byte {cut}");
    }

    [Test]
    public void Feeding_one_byte_at_a_time_gives_the_same_lines_as_one_chunk()
    {
        var bytes = Encoding.UTF8.GetBytes(Sample);

        CompleteLines(bytes.Select(b => new[] { b }).ToArray()).Should().Equal(SampleLines);
    }

    [TestCase(Transcripts.DevtmpfsNetworkd)]
    [TestCase(Transcripts.MdevDev)]
    public void A_recorded_transcript_fed_in_small_odd_chunks_gives_the_same_lines_as_one_chunk(string transcript)
    {
        var bytes = Transcripts.Bytes(transcript);
        var chunks = bytes.Chunk(7).ToArray();

        CompleteLines(chunks).Should().Equal(CompleteLines(bytes));
    }

    [Test]
    public void A_multibyte_character_split_between_chunks_is_decoded_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("a…b\n");

        CompleteLines(bytes[..2], bytes[2..3], bytes[3..]).Should().Equal("a…b");
    }

    [Test]
    public void Text_after_a_bare_carriage_return_overwrites_the_line_like_a_terminal()
    {
        CompleteLines(Encoding.UTF8.GetBytes("progress 10%\rprogress 100%\r\nabcdef\rxy\n"))
            .Should().Equal("progress 100%", "xycdef");
    }

    [Test]
    public void Carriage_returns_before_the_newline_keep_the_line()
    {
        CompleteLines(Encoding.UTF8.GetBytes("[  OK  ] Reached target multi-user.target.\r\r\n"))
            .Should().Equal("[  OK  ] Reached target multi-user.target.");
    }

    [Test]
    public void An_erase_to_end_of_line_after_a_carriage_return_replaces_a_longer_line()
    {
        CompleteLines(Encoding.UTF8.GetBytes("a much longer spinner line\r\u001b[Kshort\n")).Should().Equal("short");
    }

    [Test]
    public void Colour_cursor_mode_clear_screen_and_title_sequences_are_stripped()
    {
        CompleteLines(Encoding.UTF8.GetBytes("\u001bc\u001b[?7l\u001b[2J\u001b[0mSeaBIOS \u001b]0;title\u0007(version 1.16.2)\u001b[0;1;38;5;185m!\r\n"))
            .Should().Equal("SeaBIOS (version 1.16.2)!");
    }

    [Test]
    public void A_terminal_reset_ends_the_text_before_it_as_a_line_of_its_own()
    {
        var input = "Probing EDD (edd=off to disable)... o\u001bc\u001b[?7l\u001b[2J[    0.000000] Linux version 6.1.0\r\n";

        CompleteLines(Encoding.UTF8.GetBytes(input))
            .Should().Equal("Probing EDD (edd=off to disable)... o", "[    0.000000] Linux version 6.1.0");
    }

    [Test]
    public void A_login_prompt_without_a_newline_is_emitted_once_as_a_partial_line()
    {
        var splitter = new ConsoleLineSplitter();

        var lines = splitter.Feed("Debian GNU/Linux 12 vm ttyS0\r\n\r\nvm login: "u8).ToList();
        lines.AddRange(splitter.Feed([]));

        lines.Should().Equal(
            new ConsoleLine("Debian GNU/Linux 12 vm ttyS0"),
            new ConsoleLine(""),
            new ConsoleLine("vm login: ", IsPartial: true));
        splitter.PendingText.Should().Be("vm login: ");
        splitter.PendingLooksLikePrompt.Should().BeTrue();
    }

    [Test]
    public void A_partial_login_prompt_reaches_the_login_prompt_milestone()
    {
        var splitter = new ConsoleLineSplitter();
        var timeline = new BootTimeline();

        timeline.Observe(splitter.Feed("vm login: "u8), hostSeconds: 31.5);

        timeline.Find(Milestones.LoginPrompt).Should().Be(new MilestoneRecord(Milestones.LoginPrompt, 31.5, null));
    }

    [Test]
    public void Pending_text_that_is_no_prompt_is_not_emitted_until_flushed()
    {
        var splitter = new ConsoleLineSplitter();

        splitter.Feed("Extracting rootfs... "u8).Should().BeEmpty();
        splitter.PendingLooksLikePrompt.Should().BeFalse();
        splitter.FlushPending().Should().Equal(new ConsoleLine("Extracting rootfs... ", IsPartial: true));
        splitter.PendingText.Should().BeEmpty();
    }

    [Test]
    public void A_shell_prompt_counts_as_a_prompt()
    {
        ConsoleLineSplitter.LooksLikePrompt("~ # ").Should().BeTrue();
        ConsoleLineSplitter.LooksLikePrompt("Password: ").Should().BeTrue();
        ConsoleLineSplitter.LooksLikePrompt("Extracting rootfs... ").Should().BeFalse();
    }

    private static List<string> CompleteLines(params byte[][] chunks)
    {
        var splitter = new ConsoleLineSplitter();
        var lines = chunks.SelectMany(chunk => splitter.Feed(chunk)).ToList();
        lines.AddRange(splitter.FlushPending());
        return lines.Where(line => !line.IsPartial).Select(line => line.Text).ToList();
    }
}
