using System.CommandLine;
using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>
/// `boottest boot`: boots the image with its serial console on the terminal, as `mkosi qemu` does: what is typed goes to
/// the guest's serial port, Ctrl-] leaves (the VM stops, the terminal is restored); once SSH answers it prints a pinned
/// ssh line. Without a terminal the console lines are printed and Ctrl-C stops the VM.
/// </summary>
public static class BootCommand
{
    public static Command Create()
    {
        var image = new ImageBootOptions();
        var command = new Command("boot", $"Boot the image with its console on this terminal: typing goes to the guest's serial port, {ConsoleInput.EscapeName} leaves; prints a pinned ssh line");
        image.AddTo(command);
        command.SetAction((parse, ct) => CliRunner.RunAsync(async () =>
        {
            var builder = await image.SessionAsync(parse, CliRunner.Progress(), ct);
            using var terminal = TerminalMode.TryCharacterMode();
            var stdout = Console.OpenStandardOutput();
            builder = terminal is null
                ? builder.WithConsoleEcho(line => Console.WriteLine("  | " + line))
                : builder.WithConsoleBytes(bytes =>
                {
                    lock (stdout)
                    {
                        stdout.Write(bytes.Span);
                        stdout.Flush();
                    }
                });
            await using var session = await builder.BuildAsync(ct);
            return await InteractiveConsole.RunAsync(session, terminal is not null, ct);
        }, ct));
        return command;
    }
}
