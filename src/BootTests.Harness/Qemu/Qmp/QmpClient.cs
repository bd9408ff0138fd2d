using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BootTests.Qemu.Qmp;

/// <summary>A QMP (QEMU Machine Protocol) client over a Unix domain socket.</summary>
public sealed partial class QmpClient : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly StreamReader reader;
    private readonly QmpTranscript? transcript;
    private readonly SemaphoreSlim commandLock = new(1, 1);
    private readonly Lock stateLock = new();
    private readonly Dictionary<long, PendingCommand> pending = [];
    private readonly List<EventWaiter> waiters = [];
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopReading = new();
    private Task readLoop = Task.CompletedTask;
    private long lastId;
    private bool isClosed;
    private int disposed;

    private QmpClient(Socket socket, QmpTranscript? transcript)
    {
        this.socket = socket;
        stream = new NetworkStream(socket, ownsSocket: true);
        reader = new StreamReader(stream, new UTF8Encoding(false));
        this.transcript = transcript;
    }

    /// <summary>QEMU's version from the greeting, as "major.minor.micro".</summary>
    public string QemuVersion { get; private set; } = "";

    /// <summary>Completes when the connection has closed, whether QEMU exited or the client was disposed.</summary>
    public Task Closed => closed.Task;

    /// <summary>Raised on the reader loop for every event; handlers must be quick and must not throw.</summary>
    public event Action<QmpEvent>? EventReceived;

    public static Task<QmpClient> ConnectAsync(string unixSocketPath, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ConnectAsync(unixSocketPath, timeout, new QmpClientOptions(), cancellationToken);

    /// <summary>
    /// Connects (retrying while the socket is absent or refuses), reads the greeting and negotiates capabilities,
    /// all within <paramref name="timeout"/>; throws <see cref="TimeoutException"/> when that runs out.
    /// </summary>
    public static async Task<QmpClient> ConnectAsync(
        string unixSocketPath, TimeSpan timeout, QmpClientOptions options, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = await ConnectSocketAsync(unixSocketPath, timeout, options.ConnectRetryDelay, deadline.Token, cancellationToken);

        QmpClient client;
        try
        {
            client = new QmpClient(socket, options.TranscriptPath is null ? null : QmpTranscript.Open(options.TranscriptPath));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        try
        {
            await client.HandshakeAsync(deadline.Token);
            return client;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await client.DisposeAsync();
            throw new TimeoutException($"QMP handshake on {unixSocketPath} did not finish within {timeout}.");
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static async Task<Socket> ConnectSocketAsync(
        string path, TimeSpan timeout, TimeSpan retryDelay, CancellationToken deadline, CancellationToken callerToken)
    {
        var endpoint = new UnixDomainSocketEndPoint(path);
        SocketException? lastError = null;
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(endpoint, deadline);
                return socket;
            }
            catch (SocketException e) when (IsNotListeningYet(e))
            {
                socket.Dispose();
                lastError = e;
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw ConnectTimeout(path, timeout, lastError);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            try
            {
                await Task.Delay(retryDelay, deadline);
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                throw ConnectTimeout(path, timeout, lastError);
            }
        }
    }

    // QEMU creates the socket file only once it is up, so "no such file" is as transient as "refused".
    private static bool IsNotListeningYet(SocketException e) =>
        e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.TryAgain;

    private static TimeoutException ConnectTimeout(string path, TimeSpan timeout, SocketException? lastError) =>
        new($"Could not connect to the QMP socket {path} within {timeout}"
            + (lastError is null ? "." : $": {lastError.SocketErrorCode} ({lastError.Message})."), lastError);

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var greeting = await reader.ReadLineAsync(cancellationToken)
            ?? throw new QmpConnectionClosedException("QEMU closed the QMP connection before sending its greeting.");
        transcript?.Received(greeting);
        QemuVersion = QmpMessages.VersionFromGreeting(greeting);
        readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        await ExecuteAsync("qmp_capabilities", null, cancellationToken);
    }

    /// <summary>
    /// Runs one command and returns its "return" value; commands run one at a time.
    /// Throws <see cref="QmpException"/> on an error response, <see cref="QmpConnectionClosedException"/> if the connection closes first.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string command, object? arguments = null, CancellationToken cancellationToken = default)
    {
        await commandLock.WaitAsync(cancellationToken);
        try
        {
            var pending = new PendingCommand(command, Interlocked.Increment(ref lastId));
            lock (stateLock)
            {
                if (isClosed)
                {
                    throw new QmpConnectionClosedException($"QMP connection is closed; cannot run '{command}'.");
                }
                this.pending.Add(pending.Id, pending);
            }

            var line = QmpMessages.Command(command, arguments, pending.Id);
            transcript?.Sent(line);
            try
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                RemovePending(pending);
                throw new QmpConnectionClosedException($"QMP connection closed while sending '{command}'.", e);
            }
            catch
            {
                RemovePending(pending);
                throw;
            }

            using var registration = cancellationToken.Register(() =>
            {
                RemovePending(pending);
                pending.Response.TrySetCanceled(cancellationToken);
            });
            return await pending.Response.Task;
        }
        finally
        {
            commandLock.Release();
        }
    }

    /// <summary>Waits for the next event called <paramref name="name"/> that arrives after this call.</summary>
    public async Task<QmpEvent> WaitForEventAsync(string name, CancellationToken cancellationToken = default)
    {
        var waiter = new EventWaiter(name);
        lock (stateLock)
        {
            if (isClosed)
            {
                throw new QmpConnectionClosedException($"QMP connection is closed; event '{name}' will never arrive.");
            }
            waiters.Add(waiter);
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (stateLock)
            {
                waiters.Remove(waiter);
            }
            waiter.Arrived.TrySetCanceled(cancellationToken);
        });
        return await waiter.Arrived.Task;
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (await reader.ReadLineAsync(stopReading.Token) is { } line)
            {
                transcript?.Received(line);
                Dispatch(line);
            }
        }
        catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;
        }
        Close(failure);
    }

    private void Dispatch(string line)
    {
        using var document = JsonDocument.Parse(line);
        var message = document.RootElement;
        if (message.TryGetProperty("event", out _))
        {
            RaiseEvent(QmpEvent.FromMessage(message));
            return;
        }

        var pending = TakePending(message);
        if (pending is null)
        {
            return;
        }
        if (message.TryGetProperty("error", out var error))
        {
            pending.Response.TrySetException(new QmpException(
                pending.Command,
                error.TryGetProperty("class", out var c) ? c.GetString() ?? "" : "",
                error.TryGetProperty("desc", out var d) ? d.GetString() ?? "" : ""));
        }
        else if (message.TryGetProperty("return", out var result))
        {
            pending.Response.TrySetResult(result.Clone());
        }
        else
        {
            pending.Response.TrySetException(new InvalidDataException($"Unexpected QMP response to '{pending.Command}': {line}"));
        }
    }

    // A response without an id (QEMU could not parse the request) belongs to the oldest command in flight.
    private PendingCommand? TakePending(JsonElement message)
    {
        lock (stateLock)
        {
            var id = message.TryGetProperty("id", out var idElement)
                && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var value)
                ? value
                : this.pending.Keys.DefaultIfEmpty(-1).Min();
            return this.pending.Remove(id, out var pending) ? pending : null;
        }
    }

    private void RemovePending(PendingCommand pending)
    {
        lock (stateLock)
        {
            this.pending.Remove(pending.Id);
        }
    }

    private void RaiseEvent(QmpEvent qmpEvent)
    {
        List<EventWaiter> matching;
        lock (stateLock)
        {
            matching = waiters.Where(w => w.Name == qmpEvent.Name).ToList();
            waiters.RemoveAll(matching.Contains);
        }
        foreach (var waiter in matching)
        {
            waiter.Arrived.TrySetResult(qmpEvent);
        }

        try
        {
            EventReceived?.Invoke(qmpEvent);
        }
        catch (Exception e)
        {
            // A faulty handler must not take the connection down with it.
            transcript?.Note($"event handler threw: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Close(Exception? failure)
    {
        List<PendingCommand> pending;
        List<EventWaiter> waiters;
        lock (stateLock)
        {
            if (isClosed)
            {
                return;
            }
            isClosed = true;
            pending = [.. this.pending.Values];
            this.pending.Clear();
            waiters = [.. this.waiters];
            this.waiters.Clear();
        }

        transcript?.Note(failure is null ? "connection closed" : $"connection failed: {failure.Message}");
        foreach (var command in pending)
        {
            command.Response.TrySetException(new QmpConnectionClosedException(
                $"QMP connection closed before '{command.Command}' got a response.", failure));
        }
        foreach (var waiter in waiters)
        {
            waiter.Arrived.TrySetException(new QmpConnectionClosedException(
                $"QMP connection closed while waiting for event '{waiter.Name}'.", failure));
        }
        closed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        stopReading.Cancel();
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        await readLoop;
        Close(null);
        reader.Dispose();
        transcript?.Dispose();
        stopReading.Dispose();
    }

    // Classes, not records: waiters must compare by identity.
    private sealed class PendingCommand(string command, long id)
    {
        public string Command { get; } = command;

        public long Id { get; } = id;

        public TaskCompletionSource<JsonElement> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class EventWaiter(string name)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<QmpEvent> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
