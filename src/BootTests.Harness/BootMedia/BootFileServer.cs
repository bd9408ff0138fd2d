using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BootTests.BootMedia;

/// <summary>
/// The HTTP server iPXE boots from: serves the script, the kernel and the initramfs on 127.0.0.1 (a free port),
/// nothing else, and reports each request's start and end; QEMU's guestfwd is its only client.
/// </summary>
public sealed class BootFileServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IReadOnlyDictionary<string, Func<Stream>> files;
    private readonly IReadOnlyDictionary<string, long?> sizes;
    private readonly Action<BootFileEvent> onEvent;
    private readonly StreamWriter? log;

    private BootFileServer(WebApplication app, IReadOnlyDictionary<string, string> pathsOnHost, string script, Action<BootFileEvent> onEvent, string? logPath)
    {
        this.app = app;
        this.onEvent = onEvent;
        var scriptBytes = Encoding.UTF8.GetBytes(script);
        var map = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal)
        {
            ["/" + IpxeScript.ScriptFile] = () => new MemoryStream(scriptBytes, writable: false),
        };
        var lengths = new Dictionary<string, long?>(StringComparer.Ordinal) { ["/" + IpxeScript.ScriptFile] = scriptBytes.Length };
        foreach (var (urlPath, hostPath) in pathsOnHost)
        {
            map[urlPath] = () => new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            lengths[urlPath] = File.Exists(hostPath) ? new FileInfo(hostPath).Length : null;
        }
        files = map;
        sizes = lengths;
        if (logPath is not null) log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>The port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Starts serving the iPXE script for this command line, the kernel and the initramfs; a file missing on the host is answered 404.</summary>
    public static async Task<BootFileServer> StartAsync(
        string kernelPath, string initrdPath, string append, Action<BootFileEvent> onEvent, string? logPath = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            // Under TCG the guest may pause for seconds; a slow reader is no reason to drop the boot.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(30);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromMinutes(30);
        });
        var app = builder.Build();
        var server = new BootFileServer(app, new Dictionary<string, string>
        {
            ["/" + IpxeScript.KernelFile] = kernelPath,
            ["/" + IpxeScript.InitrdFile] = initrdPath,
        }, IpxeScript.Render(append), onEvent, logPath);
        app.Run(server.ServeAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        server.Write($"listening on {address}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.DisposeAsync();
        if (log is not null) await log.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var found = context.Request.Method is "GET" or "HEAD" && files.ContainsKey(path) && sizes[path] is not null;
        var status = found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        var request = $"{context.Request.Method} {path}";
        Report(new BootFileEvent(path, status, 0, Finished: false), request, context.Connection.Id);
        context.Response.StatusCode = status;
        if (!found)
        {
            context.Response.ContentLength = 0;
            Report(new BootFileEvent(path, status, 0, Finished: true), request, context.Connection.Id);
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = sizes[path];
        long sent = 0;
        try
        {
            if (context.Request.Method == "GET")
            {
                await using var source = files[path]();
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                    sent += read;
                }
                await context.Response.CompleteAsync();
            }
        }
        finally
        {
            Report(new BootFileEvent(path, status, sent, Finished: true), request, context.Connection.Id);
        }
    }

    // The connection id shows whether the guest's requests shared the one connection the chardev carries.
    private void Report(BootFileEvent e, string request, string connection)
    {
        Write(e.Finished ? $"{request} -> {e.Status}, {e.Bytes} bytes sent [{connection}]" : $"{request} -> {e.Status} [{connection}]");
        onEvent(e);
    }

    private void Write(string line)
    {
        if (log is null) return;
        lock (log) log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
    }
}
