using System.Diagnostics;
using System.Runtime.CompilerServices;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace BootTests.Guest;

public sealed partial class SshGuestShell
{
    /// <summary>
    /// Connects, retrying while sshd is not answering yet, until <paramref name="readiness"/>'s budget runs out.
    /// A host key mismatch, refused credentials or a failed boot end the wait at once.
    /// </summary>
    public static async Task<SshGuestShell> ConnectAsync(
        GuestEndpoint endpoint,
        SshCredentials credentials,
        HostKeyPin hostKeyPin,
        SshReadiness readiness,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(hostKeyPin);
        ArgumentNullException.ThrowIfNull(readiness);

        // Read the key once, before waiting: a missing or unreadable key file is not worth retrying.
        var key = credentials.Password is null ? ReadPrivateKey(credentials) : null;
        var started = Stopwatch.GetTimestamp();
        var backoff = RetryBackoff.ForSshReadiness();
        var attempts = 0;
        Exception? lastError = null;
        var nextStart = TimeSpan.Zero;
        var pending = new List<PendingAttempt>();
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                readiness.ThrowIfBootFailed();
                var elapsed = Stopwatch.GetElapsedTime(started);
                var remaining = readiness.Budget - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new SshNotReadyException(endpoint, attempts, readiness.Budget, lastError);
                }

                var handshaking = pending.Exists(a => a.BannerSeen);
                if (handshaking)
                {
                    // sshd answered on one (the oldest that did is kept): the others would only become logins
                    // competing for the guest's CPUs, and QEMU lets all the held ones through at once.
                    var kept = pending.First(a => a.BannerSeen);
                    foreach (var stale in pending.Where(a => a != kept).ToList())
                    {
                        pending.Remove(stale);
                        stale.Abandon();
                    }
                }
                if (!handshaking && elapsed >= nextStart && pending.Count < MaxPendingAttempts)
                {
                    attempts++;
                    var attemptTimeout = remaining < readiness.AttemptTimeout ? remaining : readiness.AttemptTimeout;
                    var grown = readiness.FirstBannerTimeout * Math.Pow(1.5, attempts - 1);
                    var bannerTimeout = grown < attemptTimeout ? grown : attemptTimeout;
                    pending.Add(PendingAttempt.Start((banner, token) => TryConnectOnceAsync(
                        endpoint, credentials, CreateAuthentication(credentials, key), hostKeyPin, bannerTimeout, attemptTimeout, banner, token), ct));
                    // A connection QEMU opened before the guest had its address stays dead until QEMU resends its SYN,
                    // seconds later; so while one waits for sshd's banner the next starts anyway, about as often as
                    // OpenSSH's client retrying, and whichever gets through first wins.
                    nextStart = elapsed + readiness.FirstBannerTimeout;
                }

                var until = handshaking || pending.Count >= MaxPendingAttempts ? PollInterval : nextStart - elapsed;
                until = until < MinimumWait ? MinimumWait : until > PollInterval ? PollInterval : until;
                await Task.WhenAny([.. pending.Select(a => (Task)a.Connecting), Task.Delay(until < remaining ? until : remaining, ct)]).ConfigureAwait(false);
                foreach (var done in pending.Where(a => a.Connecting.IsCompleted).ToList())
                {
                    pending.Remove(done);
                    done.Dispose();
                    // A host key mismatch, refused credentials or cancellation end the wait: thrown from here.
                    var (shell, error) = await done.Connecting.ConfigureAwait(false);
                    if (shell is not null)
                    {
                        shell.Attempts = attempts;
                        return shell;
                    }

                    lastError = error;
                    // Refused or reset at once: the next attempt after a growing pause, not in a busy loop.
                    var after = Stopwatch.GetElapsedTime(started) + backoff.Next();
                    if (after > nextStart) nextStart = after;
                }
            }
        }
        finally
        {
            foreach (var loser in pending) loser.Abandon();
        }
    }

    private const int MaxPendingAttempts = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    /// <summary>One connection attempt in flight, with whether sshd's identification line has arrived on it.</summary>
    private sealed class PendingAttempt : IDisposable
    {
        private readonly CancellationTokenSource cancel;
        private readonly StrongBox<bool> banner = new();

        private PendingAttempt(CancellationTokenSource cancel, Func<StrongBox<bool>, CancellationToken, Task<(SshGuestShell? Shell, Exception? Error)>> attempt)
        {
            this.cancel = cancel;
            Connecting = attempt(banner, cancel.Token);
        }

        public Task<(SshGuestShell? Shell, Exception? Error)> Connecting { get; }

        public bool BannerSeen => Volatile.Read(ref banner.Value);

        public static PendingAttempt Start(Func<StrongBox<bool>, CancellationToken, Task<(SshGuestShell? Shell, Exception? Error)>> attempt, CancellationToken ct) =>
            new(CancellationTokenSource.CreateLinkedTokenSource(ct), attempt);

        /// <summary>Cancels an attempt that lost (or outlived the wait); a session it still opened is closed.</summary>
        public void Abandon()
        {
            cancel.Cancel();
            _ = CloseAsync();
        }

        private async Task CloseAsync()
        {
            try
            {
                var (shell, _) = await Connecting.ConfigureAwait(false);
                if (shell is not null) await shell.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancelled or failed: TryConnectOnceAsync already disposed its client, nothing of it is left open.
            }
            finally
            {
                cancel.Dispose();
            }
        }

        public void Dispose() => cancel.Dispose();
    }

    // SSH.NET offers the post-quantum sntrup761 hybrid first; under TCG the guest spends a good part of a second on
    // it. curve25519 is what OpenSSH used before 9.0 and costs the guest little; the host key is pinned as ed25519.
    private static void PreferCheapAlgorithms(ConnectionInfo connectionInfo)
    {
        if (connectionInfo.KeyExchangeAlgorithms.ContainsKey("curve25519-sha256"))
            connectionInfo.KeyExchangeAlgorithms.SetPosition("curve25519-sha256", 0);
        if (connectionInfo.HostKeyAlgorithms.ContainsKey("ssh-ed25519"))
            connectionInfo.HostKeyAlgorithms.SetPosition("ssh-ed25519", 0);
    }

    // One per attempt: SSH.NET's authentication methods (and keys' signers) keep the state of the session they
    // authenticate, so attempts in flight at once must not share one (a shared one took another session's
    // USERAUTH_SUCCESS as its own).
    private static AuthenticationMethod CreateAuthentication(SshCredentials credentials, byte[]? key) =>
        credentials.Password is { } password
            ? new PasswordAuthenticationMethod(credentials.User, password)
            : new PrivateKeyAuthenticationMethod(credentials.User, new PrivateKeyFile(new MemoryStream(key!)));

    // The file's bytes, once checked to be a key SSH.NET can use; each attempt parses its own copy.
    private static byte[] ReadPrivateKey(SshCredentials credentials)
    {
        try
        {
            var bytes = File.ReadAllBytes(credentials.PrivateKeyPath!);
            using var check = new PrivateKeyFile(new MemoryStream(bytes));
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SshException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Could not read the SSH private key '{credentials.PrivateKeyPath}' for {credentials.User}: {e.Message}. " +
                "Expected an unencrypted OpenSSH key (ssh-keygen -t ed25519 -N \"\").",
                e);
        }
    }

    private static async Task<(SshGuestShell? Shell, Exception? Error)> TryConnectOnceAsync(
        GuestEndpoint endpoint,
        SshCredentials credentials,
        AuthenticationMethod authentication,
        HostKeyPin hostKeyPin,
        TimeSpan bannerTimeout,
        TimeSpan attemptTimeout,
        StrongBox<bool> banner,
        CancellationToken ct)
    {
        var connectionInfo = new ConnectionInfo(endpoint.Host, endpoint.Port, credentials.User, authentication)
        {
            Timeout = attemptTimeout,
        };
        PreferCheapAlgorithms(connectionInfo);
        var client = new SshClient(connectionInfo) { KeepAliveInterval = Timeout.InfiniteTimeSpan };
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attemptCts.CancelAfter(bannerTimeout);
        var bannerSeen = false;
        client.ServerIdentificationReceived += (_, _) =>
        {
            bannerSeen = true;
            Volatile.Write(ref banner.Value, true);
            attemptCts.CancelAfter(attemptTimeout);
        };
        string? seenFingerprint = null;
        string? seenKey = null;
        client.HostKeyReceived += (_, e) =>
        {
            seenFingerprint = SshFingerprint.OfHostKeyBlob(e.HostKey);
            seenKey = $"{e.HostKeyName} {Convert.ToBase64String(e.HostKey)}";
            e.CanTrust = hostKeyPin.Accepts(seenFingerprint);
        };

        try
        {
            await client.ConnectAsync(attemptCts.Token).ConfigureAwait(false);
            var shell = new SshGuestShell(endpoint, client, seenFingerprint ?? "unknown") { HostKey = seenKey };
            var probe = await shell.RunAsync("true", attemptTimeout, ct).ConfigureAwait(false);
            if (!probe.Succeeded)
            {
                throw new InvalidOperationException(
                    $"SSH to {endpoint} as {credentials} logged in, but 'true' exited {probe.ExitStatus} " +
                    $"(stderr: '{probe.Stderr.Trim()}'). Check the user's login shell in the image.");
            }

            shell.ReadyTimestamp = Stopwatch.GetTimestamp();
            shell.ReadyAt = DateTimeOffset.UtcNow;
            return (shell, null);
        }
        catch (Exception) when (seenFingerprint is not null && !hostKeyPin.Accepts(seenFingerprint))
        {
            client.Dispose();
            throw new HostKeyMismatchException(endpoint, hostKeyPin.ExpectedFingerprint!, seenFingerprint);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw new SshAuthenticationFailedException(endpoint, credentials, e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            client.Dispose();
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or SshOperationTimeoutException or GuestCommandTimeoutException)
        {
            client.Dispose();
            return (null, new TimeoutException(
                bannerSeen
                    ? $"No SSH handshake with {endpoint} within {attemptTimeout.TotalSeconds:0.##} s ({e.Message.TrimEnd('.')})"
                    : $"sshd at {endpoint} did not identify itself within {bannerTimeout.TotalSeconds:0.##} s",
                e));
        }
        catch (Exception e) when (SshTransientFailure.IsTransient(e))
        {
            client.Dispose();
            return (null, e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
