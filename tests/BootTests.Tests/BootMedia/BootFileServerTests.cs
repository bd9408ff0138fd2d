using System.Collections.Concurrent;
using System.Net;
using BootTests.BootMedia;

namespace BootTests.Tests.BootMedia;

/// <summary>The HTTP server iPXE boots from, driven with a real HTTP client on 127.0.0.1.</summary>
[Category(Categories.Unit)]
[NonParallelizable]
public sealed class BootFileServerTests
{
    private string folder = null!;
    private string kernel = null!;
    private string initrd = null!;

    [SetUp]
    public void Files()
    {
        folder = Directory.CreateTempSubdirectory("boottests-http-").FullName;
        kernel = Path.Combine(folder, "vmlinuz");
        initrd = Path.Combine(folder, "initrd.img");
        File.WriteAllBytes(kernel, [1, 2, 3]);
        File.WriteAllBytes(initrd, new byte[300_000]);
    }

    [TearDown]
    public void Clean() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task It_serves_the_script_kernel_and_initramfs_on_one_keep_alive_connection_and_reports_each()
    {
        var events = new ConcurrentQueue<BootFileEvent>();
        var log = Path.Combine(folder, "http.log");
        await using var server = await BootFileServer.StartAsync(kernel, initrd, "quiet", events.Enqueue, log);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        (await client.GetStringAsync("/boot.ipxe")).Should().Be(IpxeScript.Render("quiet"));
        (await client.GetByteArrayAsync("/vmlinuz")).Should().Equal(1, 2, 3);
        (await client.GetByteArrayAsync("/initramfs.img")).Should().HaveCount(300_000);

        events.Where(e => e.Finished).Select(e => (e.Path, e.Status, e.Bytes)).Should().Equal(
            ("/boot.ipxe", 200, IpxeScript.Render("quiet").Length), ("/vmlinuz", 200, 3L), ("/initramfs.img", 200, 300_000L));
        File.ReadAllText(log).Should().Contain("GET /initramfs.img -> 200, 300000 bytes sent [");
    }

    [Test]
    public async Task Anything_else_or_a_file_missing_on_the_host_is_answered_404()
    {
        File.Delete(initrd);
        var events = new ConcurrentQueue<BootFileEvent>();
        await using var server = await BootFileServer.StartAsync(kernel, initrd, "", events.Enqueue);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        (await client.GetAsync("/initramfs.img")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/etc/passwd")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/../vmlinuz")).StatusCode.Should().Be(HttpStatusCode.OK, "the client normalises the path to /vmlinuz");
        events.Should().Contain(e => e.Path == "/initramfs.img" && e.Status == 404 && e.Finished);
    }

    [Test]
    public async Task It_listens_on_loopback_only()
    {
        await using var server = await BootFileServer.StartAsync(kernel, initrd, "", _ => { });
        System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Where(l => l.Port == server.Port).Should().OnlyContain(l => IPAddress.IsLoopback(l.Address)).And.NotBeEmpty();
    }
}
