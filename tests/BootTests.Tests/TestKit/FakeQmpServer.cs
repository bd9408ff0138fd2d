using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BootTests.Tests.TestKit;

/// <summary>An in-process QMP server on a Unix socket: greets, accepts capabilities, and lets a test script the rest.</summary>
internal sealed class FakeQmpServer : IAsyncDisposable
{
    public const string Greeting =
        """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "fake"}, "capabilities": ["oob"]}}""";

    private readonly Socket listener;
    private readonly Func<FakeQmpCall, Task> answer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    private FakeQmpServer(string socketPath, Func<FakeQmpCall, Task> answer)
    {
        SocketPath = socketPath;
        this.answer = answer;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        serving = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    /// <summary>Every line the client sent, in order.</summary>
    public ConcurrentQueue<string> ReceivedLines { get; } = new();

    public static FakeQmpServer Start(string socketPath, Func<FakeQmpCall, Task> answer) => new(socketPath, answer);

    private async Task ServeAsync()
    {
        try
        {
            using var connection = await listener.AcceptAsync(stop.Token);
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var call = new FakeQmpCall(stream, connection);
            await call.SendAsync(Greeting);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                ReceivedLines.Enqueue(line);
                call = call.For(JsonDocument.Parse(line).RootElement.Clone());
                if (call.Command == "qmp_capabilities")
                {
                    await call.ReturnAsync("{}");
                }
                else
                {
                    await answer(call);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The test ended the conversation.
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Dispose();
        await serving;
        stop.Dispose();
        File.Delete(SocketPath);
    }
}

/// <summary>One request the fake server received, with ways to answer it.</summary>
internal sealed class FakeQmpCall(NetworkStream stream, Socket connection, JsonElement request = default)
{
    public JsonElement Request { get; } = request;

    public string Command => Request.GetProperty("execute").GetString()!;

    public FakeQmpCall For(JsonElement nextRequest) => new(stream, connection, nextRequest);

    public Task ReturnAsync(string resultJson) => SendAsync($$"""{"return": {{resultJson}}, "id": {{Request.GetProperty("id").GetRawText()}}}""");

    public Task ErrorAsync(string errorClass, string description) =>
        SendAsync($$$"""{"id": {{{Request.GetProperty("id").GetRawText()}}}, "error": {"class": "{{{errorClass}}}", "desc": "{{{description}}}"}}""");

    public Task EventAsync(string name, string dataJson) =>
        SendAsync($$"""{"timestamp": {"seconds": 1700000000, "microseconds": 250000}, "event": "{{name}}", "data": {{dataJson}}}""");

    public async Task SendAsync(string line) => await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public void CloseConnection() => connection.Shutdown(SocketShutdown.Both);
}
