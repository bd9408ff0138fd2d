using System.Diagnostics;
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
        var authentication = CreateAuthentication(credentials);
        var started = Stopwatch.GetTimestamp();
        var backoff = RetryBackoff.ForSshReadiness();
        var attempts = 0;
        Exception? lastError = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            readiness.ThrowIfBootFailed();
            var remaining = readiness.Budget - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new SshNotReadyException(endpoint, attempts, readiness.Budget, lastError);
            }

            attempts++;
            var attemptTimeout = remaining < readiness.AttemptTimeout ? remaining : readiness.AttemptTimeout;
            var grown = readiness.FirstBannerTimeout * Math.Pow(1.5, attempts - 1);
            var bannerTimeout = grown < attemptTimeout ? grown : attemptTimeout;
            var (shell, error) = await TryConnectOnceAsync(
                    endpoint, credentials, authentication, hostKeyPin, bannerTimeout, attemptTimeout, ct)
                .ConfigureAwait(false);
            if (shell is not null)
            {
                shell.Attempts = attempts;
                return shell;
            }

            lastError = error;
            var pause = backoff.Next();
            remaining = readiness.Budget - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                readiness.ThrowIfBootFailed();
                throw new SshNotReadyException(endpoint, attempts, readiness.Budget, lastError);
            }

            await Task.Delay(pause < remaining ? pause : remaining, ct).ConfigureAwait(false);
        }
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

    private static AuthenticationMethod CreateAuthentication(SshCredentials credentials) =>
        credentials.Password is { } password
            ? new PasswordAuthenticationMethod(credentials.User, password)
            : new PrivateKeyAuthenticationMethod(credentials.User, LoadPrivateKey(credentials));

    private static PrivateKeyFile LoadPrivateKey(SshCredentials credentials)
    {
        try
        {
            return new PrivateKeyFile(credentials.PrivateKeyPath!);
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
