using BootTests.Session;

namespace BootTests.Cli.Commands;

/// <summary>The life of `boot`: typing reaches the serial port from the first byte QEMU can take, SSH's line once it answers, then until the escape key, the end of the VM or a signal.</summary>
public static class InteractiveConsole
{
    public static async Task<int> RunAsync(BootSession session, bool onTerminal, CancellationToken ct)
    {
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A blocking read of stdin cannot be cancelled; it is left behind when the command ends.
        var typing = Task.Run(() => ConsoleInput.PumpAsync(Console.OpenStandardInput(), (bytes, c) => SendAsync(session, bytes, c), leave.Token), CancellationToken.None);
        _ = typing.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && t.Result == ConsoleInputEnd.Escape) leave.Cancel();
        }, TaskScheduler.Default);
        if (onTerminal) Console.Error.WriteLine($"boottest: the console is yours: typing goes to the guest's serial port; {ConsoleInput.EscapeName} leaves and stops the VM.\r");
        try
        {
            await session.StartAsync(leave.Token);
            Console.Error.WriteLine(session.SshLogin is { } login
                ? $"The VM is up. Log in with:\r\n  {login.CommandLine}\r\nor: boottest ssh {session.RunDirectory}\r"
                : "The VM is up; the SSH server showed no host key to pin, so there is no ssh line.\r");
            if (!onTerminal) Console.Error.WriteLine("Press Ctrl-C to stop it.");
            var exit = await session.WaitForExitAsync(leave.Token);
            Console.Error.WriteLine($"\r\nQEMU exited with code {exit.ExitCode}.\r");
            return 0;
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"\r\nboottest: {ConsoleInput.EscapeName}: leaving the console and stopping the VM.\r");
            return 0;
        }
    }

    // Keys pressed before QEMU runs, or after it ended, have nowhere to go.
    private static async Task SendAsync(BootSession session, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try
        {
            await session.SendConsoleAsync(bytes, ct);
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.Net.Sockets.SocketException)
        {
        }
    }
}
