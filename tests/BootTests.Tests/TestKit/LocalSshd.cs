using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BootTests.Tests.TestKit;

/// <summary>A real OpenSSH server on 127.0.0.1 for the tests, started as a child process from an argv list.</summary>
internal sealed class LocalSshd : IAsyncDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private readonly Process process;

    private LocalSshd(Process process, int port, long startedTimestamp)
    {
        this.process = process;
        Port = port;
        StartedTimestamp = startedTimestamp;
    }

    public int Port { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the sshd process was spawned.</summary>
    public long StartedTimestamp { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<LocalSshd> StartAsync(SshTestKeys keys, int port)
    {
        if (!File.Exists(SshdPath))
        {
            Assert.Fail($"{SshdPath} is missing; install it with 'apt-get install -y openssh-server' to run the Ssh tests.");
        }

        // sshd refuses to start without its privilege separation directory.
        Directory.CreateDirectory("/run/sshd");
        var startInfo = new ProcessStartInfo(SshdPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-e", "-f", keys.ConfigPath, "-p", port.ToString(), "-o", "ListenAddress=127.0.0.1" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned null for sshd.");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var sshd = new LocalSshd(process, port, started);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            if (await IsListeningAsync(port))
            {
                return sshd;
            }

            await Task.Delay(20);
        }

        await sshd.DisposeAsync();
        string output;
        lock (log)
        {
            output = log.ToString();
        }

        throw new InvalidOperationException($"sshd on port {port} did not start listening. Its output:\n{output}");
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
