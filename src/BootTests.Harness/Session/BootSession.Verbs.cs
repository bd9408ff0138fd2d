using System.Text;
using System.Text.RegularExpressions;
using BootTests.Guest;

namespace BootTests.Session;

/// <summary>
/// The test kit's verbs on the booted guest (NixOS test driver style): commands that must succeed or fail, waits for a
/// state, the serial console, files, port forwards. Every wait is logged to the progress sink with its time.
/// </summary>
public sealed partial class BootSession
{
    private long consoleCursor;

    private GuestVerbs Verbs => new(Guest, Init, options.Progress);

    /// <inheritdoc cref="GuestVerbs.SucceedAsync"/>
    public Task<string> SucceedAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.SucceedAsync(command, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.FailAsync"/>
    public Task<GuestCommandResult> FailAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.FailAsync(command, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.WaitUntilSucceedsAsync"/>
    public Task<string> WaitUntilSucceedsAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.WaitUntilSucceedsAsync(command, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.WaitUntilFailsAsync"/>
    public Task<GuestCommandResult> WaitUntilFailsAsync(string command, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.WaitUntilFailsAsync(command, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.WaitForUnitAsync"/>
    public Task WaitForUnitAsync(string unit, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.WaitForUnitAsync(unit, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.WaitForOpenPortAsync"/>
    public Task WaitForOpenPortAsync(int port, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.WaitForOpenPortAsync(port, timeout, ct);

    /// <inheritdoc cref="GuestVerbs.WaitForFileAsync"/>
    public Task WaitForFileAsync(string path, TimeSpan? timeout = null, CancellationToken ct = default) => Verbs.WaitForFileAsync(path, timeout, ct);

    /// <summary>
    /// Waits for a console line matching <paramref name="pattern"/> (a regular expression) among the lines after the one the
    /// previous wait matched (after a reboot: the new boot's), and returns it; at the budget's end, throws quoting the last lines.
    /// </summary>
    public Task<string> WaitForConsoleTextAsync(string pattern, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var from = Interlocked.Read(ref consoleCursor);
        return Waiting.ForAsync($"console text /{pattern}/", timeout ?? GuestVerbs.DefaultWait, _ =>
        {
            if (ConsoleHistory.Find(regex, from) is { } found)
            {
                Interlocked.Exchange(ref consoleCursor, found.Number + 1);
                return Task.FromResult(WaitTry<string>.Success(found.Line.Text));
            }
            var ended = machine?.Exited.IsCompleted == true ? " (QEMU has exited)" : "";
            var last = ConsoleHistory.Last(5).Select(l => $"'{PrintableText.Of(l)}'");
            return Task.FromResult(WaitTry<string>.NotYet($"no such line{ended}; the last lines were: {string.Join(", ", last)}"));
        }, options.Progress, BootTests.Stage.Guest, ct, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Types <paramref name="text"/> on the guest's serial console (end a line with "\n").</summary>
    public Task SendConsoleAsync(string text, CancellationToken ct = default) =>
        Machine.SendConsoleAsync(Encoding.UTF8.GetBytes(text), ct);

    /// <summary>Sends bytes to the guest's serial port as they are (an interactive terminal's keys).</summary>
    public Task SendConsoleAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default) => Machine.SendConsoleAsync(bytes, ct);

    /// <summary>Copies a host file into the guest over the session's pinned SSH connection.</summary>
    public Task CopyToAsync(string hostPath, string guestPath, CancellationToken ct = default) =>
        ConnectedShell.CopyToAsync(hostPath, guestPath, ct);

    /// <summary>Copies a guest file to the host over the session's pinned SSH connection.</summary>
    public Task CopyFromAsync(string guestPath, string hostPath, CancellationToken ct = default) =>
        ConnectedShell.CopyFromAsync(guestPath, hostPath, ct);

    /// <summary>Forwards a free port on 127.0.0.1 to the guest's TCP <paramref name="guestPort"/> while the VM runs; returns the host port.</summary>
    public Task<int> ForwardPortAsync(int guestPort, CancellationToken ct = default) => Machine.ForwardPortAsync(guestPort, ct);

    /// <summary>The host port on 127.0.0.1 forwarded to the guest's TCP port (SSH, WithPortForward or ForwardPortAsync).</summary>
    public int ForwardedPort(int guestPort) =>
        Machine.ForwardedPorts.TryGetValue(guestPort, out var port) ? port
            : throw new InvalidOperationException($"Guest port {guestPort} is not forwarded: add it with WithPortForward({guestPort}) or ForwardPortAsync({guestPort}).");

    /// <summary>Powers the guest off and waits for QEMU to exit (<see cref="PowerOffAsync"/>); the VM cannot be used after it.</summary>
    public Task<PowerOffOutcome> ShutdownAsync(TimeSpan? budget = null, CancellationToken ct = default) => PowerOffAsync(budget, ct);

    private SshGuestShell ConnectedShell => shell ?? throw new InvalidOperationException(NotConnected);

    private string NotConnected => poweringOff
        ? "The guest has been powered off (PowerOffAsync or ShutdownAsync): start a new session to use it again."
        : "The guest is not reachable over SSH yet: call StartAsync first.";
}
