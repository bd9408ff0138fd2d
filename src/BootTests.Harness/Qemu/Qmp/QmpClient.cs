using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BootTests.Qemu.Qmp;

/// <summary>A QMP (QEMU Machine Protocol) client over a Unix domain socket.</summary>
public sealed partial class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly QmpTranscript? _transcript;
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly Dictionary<long, PendingCommand> _pending = [];
    private readonly List<EventWaiter> _waiters = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopReading = new();
    private Task _readLoop = Task.CompletedTask;
    private long _lastId;
    private bool _isClosed;
    private int _disposed;

    private QmpClient(Socket socket, QmpTranscript? transcript)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
        _transcript = transcript;
    }

    /// <summary>QEMU's version from the greeting, as "major.minor.micro".</summary>
    public string QemuVersion { get; private set; } = "";

    /// <summary>Completes when the connection has closed, whether QEMU exited or the client was disposed.</summary>
    public Task Closed => _closed.Task;

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
        Socket socket = await ConnectSocketAsync(unixSocketPath, timeout, options.ConnectRetryDelay, deadline.Token, cancellationToken);

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
        string greeting = await _reader.ReadLineAsync(cancellationToken)
            ?? throw new QmpConnectionClosedException("QEMU closed the QMP connection before sending its greeting.");
        _transcript?.Received(greeting);
        QemuVersion = QmpMessages.VersionFromGreeting(greeting);
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        await ExecuteAsync("qmp_capabilities", null, cancellationToken);
    }

    /// <summary>
    /// Runs one command and returns its "return" value; commands run one at a time.
    /// Throws <see cref="QmpException"/> on an error response, <see cref="QmpConnectionClosedException"/> if the connection closes first.
    /// </summary>
    public async Task<JsonElement> ExecuteAsync(string command, object? arguments = null, CancellationToken cancellationToken = default)
    {
        await _commandLock.WaitAsync(cancellationToken);
        try
        {
            var pending = new PendingCommand(command, Interlocked.Increment(ref _lastId));
            lock (_stateLock)
            {
                if (_isClosed)
                {
                    throw new QmpConnectionClosedException($"QMP connection is closed; cannot run '{command}'.");
                }
                _pending.Add(pending.Id, pending);
            }

            string line = QmpMessages.Command(command, arguments, pending.Id);
            _transcript?.Sent(line);
            try
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
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

            using CancellationTokenRegistration registration = cancellationToken.Register(() =>
            {
                RemovePending(pending);
                pending.Response.TrySetCanceled(cancellationToken);
            });
            return await pending.Response.Task;
        }
        finally
        {
            _commandLock.Release();
        }
    }

    /// <summary>Waits for the next event called <paramref name="name"/> that arrives after this call.</summary>
    public async Task<QmpEvent> WaitForEventAsync(string name, CancellationToken cancellationToken = default)
    {
        var waiter = new EventWaiter(name);
        lock (_stateLock)
        {
            if (_isClosed)
            {
                throw new QmpConnectionClosedException($"QMP connection is closed; event '{name}' will never arrive.");
            }
            _waiters.Add(waiter);
        }

        using CancellationTokenRegistration registration = cancellationToken.Register(() =>
        {
            lock (_stateLock)
            {
                _waiters.Remove(waiter);
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
            while (await _reader.ReadLineAsync(_stopReading.Token) is { } line)
            {
                _transcript?.Received(line);
                Dispatch(line);
            }
        }
        catch (OperationCanceledException) when (_stopReading.IsCancellationRequested)
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
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement message = document.RootElement;
        if (message.TryGetProperty("event", out _))
        {
            RaiseEvent(QmpEvent.FromMessage(message));
            return;
        }

        PendingCommand? pending = TakePending(message);
        if (pending is null)
        {
            return;
        }
        if (message.TryGetProperty("error", out JsonElement error))
        {
            pending.Response.TrySetException(new QmpException(
                pending.Command,
                error.TryGetProperty("class", out JsonElement c) ? c.GetString() ?? "" : "",
                error.TryGetProperty("desc", out JsonElement d) ? d.GetString() ?? "" : ""));
        }
        else if (message.TryGetProperty("return", out JsonElement result))
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
        lock (_stateLock)
        {
            long id = message.TryGetProperty("id", out JsonElement idElement)
                && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out long value)
                ? value
                : _pending.Keys.DefaultIfEmpty(-1).Min();
            return _pending.Remove(id, out PendingCommand? pending) ? pending : null;
        }
    }

    private void RemovePending(PendingCommand pending)
    {
        lock (_stateLock)
        {
            _pending.Remove(pending.Id);
        }
    }

    private void RaiseEvent(QmpEvent qmpEvent)
    {
        List<EventWaiter> matching;
        lock (_stateLock)
        {
            matching = _waiters.Where(w => w.Name == qmpEvent.Name).ToList();
            _waiters.RemoveAll(matching.Contains);
        }
        foreach (EventWaiter waiter in matching)
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
            _transcript?.Note($"event handler threw: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Close(Exception? failure)
    {
        List<PendingCommand> pending;
        List<EventWaiter> waiters;
        lock (_stateLock)
        {
            if (_isClosed)
            {
                return;
            }
            _isClosed = true;
            pending = [.. _pending.Values];
            _pending.Clear();
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        _transcript?.Note(failure is null ? "connection closed" : $"connection failed: {failure.Message}");
        foreach (PendingCommand command in pending)
        {
            command.Response.TrySetException(new QmpConnectionClosedException(
                $"QMP connection closed before '{command.Command}' got a response.", failure));
        }
        foreach (EventWaiter waiter in waiters)
        {
            waiter.Arrived.TrySetException(new QmpConnectionClosedException(
                $"QMP connection closed while waiting for event '{waiter.Name}'.", failure));
        }
        _closed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stopReading.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        await _readLoop;
        Close(null);
        _reader.Dispose();
        _transcript?.Dispose();
        _stopReading.Dispose();
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
