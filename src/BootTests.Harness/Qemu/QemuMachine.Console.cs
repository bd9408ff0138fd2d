using System.Net.Sockets;

namespace BootTests.Qemu;

/// <summary>The serial console: connect to QEMU's socket, then drain it for as long as QEMU runs.</summary>
public sealed partial class QemuMachine
{
    private Socket? console;
    private Task drain = Task.CompletedTask;

    /// <summary>The first exception the console sink threw; draining goes on regardless, so the guest never stalls.</summary>
    public Exception? ConsoleSinkError { get; private set; }

    private async Task ConnectConsoleAsync(IConsoleSink sink, CancellationToken deadline)
    {
        var endpoint = new UnixDomainSocketEndPoint(Files.ConsoleSocket);
        SocketException? lastError = null;
        while (true)
        {
            if (Exited.IsCompleted)
            {
                throw await LaunchFailureAsync("QEMU exited before its console socket accepted a connection.", lastError);
            }
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endpoint, deadline);
                console = socket;
                break;
            }
            catch (SocketException e)
            {
                // Not created yet, or not listening yet: QEMU is still starting.
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await Task.Delay(20, deadline);
        }

        sink.OnConsoleConnected(bytes => SendConsoleAsync(bytes));
        var log = new FileStream(Files.ConsoleLog, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        drain = Task.Run(() => DrainConsoleAsync(console, log, sink), CancellationToken.None);
    }

    private async Task DrainConsoleAsync(Socket console, FileStream log, IConsoleSink sink)
    {
        var buffer = new byte[64 * 1024];
        await using (log)
        {
            while (true)
            {
                int read;
                try
                {
                    read = await console.ReceiveAsync(buffer, SocketFlags.None);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    break;
                }
                if (read == 0)
                {
                    break;
                }
                var seconds = HostSeconds;
                await log.WriteAsync(buffer.AsMemory(0, read));
                await log.FlushAsync();
                try
                {
                    sink.OnConsoleBytes(buffer.AsSpan(0, read), seconds);
                }
                catch (Exception e)
                {
                    ConsoleSinkError ??= e;
                }
            }
        }
    }
}
