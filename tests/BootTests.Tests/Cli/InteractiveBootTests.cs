using BootTests.Cli.Commands;
using BootTests.Guest;

namespace BootTests.Tests.Cli;

/// <summary>`boot`'s console input (bytes through to the serial port, Ctrl-] to leave) and the pinned ssh line `boot` prints and `boottest ssh` runs.</summary>
[TestFixture]
[Category(Categories.Unit)]
public sealed class InteractiveBootTests
{
    [Test]
    public async Task Typed_bytes_reach_the_serial_port_as_they_are_until_the_escape_key()
    {
        var sent = new List<byte>();
        var typed = new MemoryStream([.. "root\r"u8, 0x03, 0x1b, .. "[A"u8, ConsoleInput.EscapeKey, .. "never sent"u8]);

        var end = await ConsoleInput.PumpAsync(typed, (bytes, _) => { sent.AddRange(bytes.ToArray()); return Task.CompletedTask; }, CancellationToken.None);

        end.Should().Be(ConsoleInputEnd.Escape);
        sent.Should().Equal([.. "root\r"u8, 0x03, 0x1b, .. "[A"u8], "Ctrl-C, Escape and arrow keys are the guest's");
    }

    [Test]
    public async Task Piped_input_is_sent_whole_and_its_end_does_not_count_as_leaving()
    {
        var sent = new List<byte>();

        var end = await ConsoleInput.PumpAsync(new MemoryStream("root\n"u8.ToArray()), (bytes, _) => { sent.AddRange(bytes.ToArray()); return Task.CompletedTask; }, CancellationToken.None);

        end.Should().Be(ConsoleInputEnd.EndOfInput);
        sent.Should().Equal("root\n"u8.ToArray());
    }

    [Test]
    public void The_ssh_line_pins_the_host_key_through_the_runs_known_hosts_and_quotes_what_needs_it()
    {
        using var run = new TempDirectory();
        var login = SshLogin.Write(run.Path, "root", 40123, "/cache/images/my image/id_ed25519", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE3c");

        File.ReadAllText(Path.Combine(run.Path, "known_hosts")).Should().Be("[127.0.0.1]:40123 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE3c\n");
        login.CommandLine.Should().Be(
            $"ssh -i '/cache/images/my image/id_ed25519' -o IdentitiesOnly=yes -p 40123 -o UserKnownHostsFile={run.Path}/known_hosts -o StrictHostKeyChecking=yes root@127.0.0.1");
        SshLogin.ReadFrom(run.Path).Should().Be(login);
    }

    [Test]
    public async Task Boottest_ssh_refuses_a_run_that_never_reached_ssh_and_one_whose_vm_has_ended()
    {
        using var run = new TempDirectory();

        var never = await BoottestCli.RunAsync("ssh", run.Path);
        SshLogin.Write(run.Path, "root", 40123, null, "ssh-ed25519 AAAA");
        var ended = await BoottestCli.RunAsync("ssh", run.Path, "--", "true");

        never.ExitCode.Should().Be(3);
        never.StandardError.Should().Contain("never reached SSH");
        ended.ExitCode.Should().Be(3);
        ended.StandardError.Should().Contain("is not running any more");
    }
}
