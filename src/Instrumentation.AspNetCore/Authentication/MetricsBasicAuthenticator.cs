using System.Net;
using System.Security.Cryptography;
using System.Text;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Checks the basic authentication of a metrics request against <see cref="MetricsAuthenticationOptions.Users"/>,
/// before anything is collected. Shared by <c>MapMetrics()</c> and the standalone metrics server.
/// </summary>
/// <remarks>
/// <para>
/// Users are read through <see cref="IOptionsMonitor{TOptions}"/>: a configuration change applies to the next
/// request. The users in force when the authenticator is created (at <c>MapMetrics()</c>, or when the metrics
/// server starts) are the baseline, and a reload never turns authentication off: a change that lists no users (a
/// deleted or emptied file), fails validation or cannot be bound is logged as an error and the previous users stay
/// in force; only a restart turns authentication off. A reload that adds users to an app that started without
/// any turns authentication on (logged as a warning). A configuration file that fails to reload (invalid JSON) is
/// logged as an error too (see <see cref="ConfigurationFileReloadLog"/>).
/// </para>
/// <para>
/// Refusing stays cheap and bounded: credentials longer than the caps (<see cref="BasicCredentials"/>) are
/// refused before any hashing; credentials verified or refused within the cache duration are answered from
/// memory; at most <see cref="MetricsAuthenticationOptions.MaxConcurrentVerifications"/> slow hashes run at
/// once, and an attempt beyond that gets 429 at once. Remembered successes need no slot, so a flood of bad
/// credentials cannot starve a scraper that was already verified.
/// </para>
/// <para>
/// A failure takes the same time whoever the user is: an unknown user is verified against a dummy of the
/// slowest configured kind of hash, and every failure (remembered or not) is answered no sooner than that
/// kind's verification takes (<see cref="VerificationTimes.Floor"/>), waiting on a timer, with its slot held
/// while it waits. Logs never carry a user name or password. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class MetricsBasicAuthenticator
{
    /// <summary>The challenge sent with every 401.</summary>
    public const string Challenge = "Basic realm=\"metrics\"";

    /// <summary>The <c>Retry-After</c> sent with a 429, in seconds.</summary>
    public const string RetryAfterSeconds = "1";

    private static readonly TimeSpan ThrottleWarningInterval = TimeSpan.FromMinutes(1);

    private readonly IOptionsMonitor<MetricsOptions> _options;
    private readonly ILogger<MetricsBasicAuthenticator> _logger;
    private readonly TimeProvider _time;
    private readonly PasswordVerifier _verifier;
    private readonly byte[] _keySecret = CredentialKey.NewSecret();
    private readonly VerifiedCredentialCache _verified;
    private readonly FailedCredentialCache _failed;
    private readonly VerificationSlots _slots = new();
    private MetricsUserTable? _users;
    private MetricsOptions? _rejectedSource;
    private TimesOfUsers? _times;
    private string? _lastRejectedReload;
    private readonly SummarizedLog _throttledLog;
    private readonly SummarizedLog _malformedLog;
    private readonly SummarizedLog _oversizedLog;

    private enum Outcome
    {
        Allowed,
        Refused,
        Failed,
        FailedHoldingSlot,
    }

    public MetricsBasicAuthenticator(
        IOptionsMonitor<MetricsOptions> options,
        ILogger<MetricsBasicAuthenticator> logger,
        IConfiguration? configuration = null,
        TimeProvider? timeProvider = null,
        PasswordVerifier? verifier = null)
    {
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _verifier = verifier ?? new PasswordVerifier();
        _verified = new VerifiedCredentialCache(_time);
        _failed = new FailedCredentialCache(_time);
        _throttledLog = new SummarizedLog(_time, ThrottleWarningInterval);
        _malformedLog = new SummarizedLog(_time, ThrottleWarningInterval);
        _oversizedLog = new SummarizedLog(_time, ThrottleWarningInterval);
        try
        {
            // The baseline, taken now rather than at the first request, so a file deleted before any scrape
            // cannot turn authentication off either.
            _users = MetricsUserTable.Build(options.CurrentValue);
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            // Invalid at start: the host's start-up validation refuses to start and says why; a request
            // before that (none should come) reads the options again and fails.
        }

        if (configuration is not null)
        {
            ConfigurationFileReloadLog.Attach(configuration, logger);
        }
    }

    /// <summary>
    /// Whether the request may be served: true when authentication is off or the credentials verify;
    /// otherwise the response is set to 401 with the challenge (or 429 with <c>Retry-After</c> when every
    /// verification slot is busy), and the caller must not collect. A failure completes no sooner than the
    /// slowest configured verification would.
    /// </summary>
    public async ValueTask<bool> AuthenticateAsync(HttpContext context)
    {
        var users = CurrentUsers();
        if (!users.IsEnabled)
        {
            return true;
        }

        var times = await TimesForAsync(users).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        var outcome = Check(context, users, times);
        if (outcome is Outcome.Allowed or Outcome.Refused)
        {
            return outcome == Outcome.Allowed;
        }

        try
        {
            await WaitOutAsync(times.Floor - _time.GetElapsedTime(started), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (outcome == Outcome.FailedHoldingSlot)
            {
                _slots.Exit();
            }
        }

        return Refuse(context.Response);
    }

    private Outcome Check(HttpContext context, MetricsUserTable users, VerificationTimes times)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            LogNoCredentials(context.Connection.RemoteIpAddress);
            return RefuseAtOnce(context.Response);
        }

        Span<byte> buffer = stackalloc byte[BasicCredentials.MaxEncodedLength];
        try
        {
            int usernameLength = 0, passwordStart = 0, length = 0;
            var result = header.Count == 1
                ? BasicCredentials.TryDecode(header[0]!, buffer, out usernameLength, out passwordStart, out length)
                : BasicCredentials.Result.Malformed;
            if (result == BasicCredentials.Result.TooLong)
            {
                if (_oversizedLog.TryTakeSummary(out var oversized))
                {
                    LogOversizedCredentials(oversized, context.Connection.RemoteIpAddress);
                }
                else
                {
                    LogOversizedCredentialsAgain(context.Connection.RemoteIpAddress);
                }

                return RefuseAtOnce(context.Response);
            }

            if (result != BasicCredentials.Result.Decoded)
            {
                if (_malformedLog.TryTakeSummary(out var malformed))
                {
                    LogMalformedCredentials(malformed, context.Connection.RemoteIpAddress);
                }
                else
                {
                    LogMalformedCredentialsAgain(context.Connection.RemoteIpAddress);
                }

                return RefuseAtOnce(context.Response);
            }

            var decoded = buffer[..length];
            return Verify(context, users, times, decoded[..usernameLength], decoded[passwordStart..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private Outcome Verify(HttpContext context, MetricsUserTable users, VerificationTimes times, ReadOnlySpan<byte> username, ReadOnlySpan<byte> password)
    {
        // An unknown user is keyed without a hash and verified against the slowest kind's dummy: the same steps.
        var known = users.TryGet(Encoding.UTF8.GetString(username), out var user);
        var key = CredentialKey.Compute(_keySecret, username, password, known ? user.HashText : []);
        if (known && _verified.TryUse(key, users.CacheDuration))
        {
            return Outcome.Allowed;
        }

        if (_failed.Contains(key))
        {
            LogRepeatedFailure(context.Connection.RemoteIpAddress);
            return Outcome.Failed;
        }

        var limit = users.Source.Authentication.MaxConcurrentVerifications;
        if (!_slots.TryEnter(limit))
        {
            NoteThrottled(context.Connection.RemoteIpAddress, limit);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
            context.Response.Headers[HeaderNames.CacheControl] = "no-store";
            return Outcome.Refused;
        }

        bool verified;
        try
        {
            var hash = known ? user.Hash : times.SlowestDummy;
            var started = _time.GetTimestamp();
            verified = _verifier.Verify(hash, password) && known;
            times.Record(hash, _time.GetElapsedTime(started));
        }
        catch
        {
            _slots.Exit();
            throw;
        }

        if (verified)
        {
            _slots.Exit();
            _verified.Remember(key, users.CacheDuration);
            return Outcome.Allowed;
        }

        _failed.Remember(key, users.CacheDuration);
        LogAuthenticationFailed(context.Connection.RemoteIpAddress);
        return Outcome.FailedHoldingSlot;
    }

    private async Task WaitOutAsync(TimeSpan left, CancellationToken aborted)
    {
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(left, _time, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
    }

    private static Outcome RefuseAtOnce(HttpResponse response)
    {
        Refuse(response);
        return Outcome.Refused;
    }

    private static bool Refuse(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        return false;
    }

    /// <summary>Logs a refusal for want of a slot: a warning at most once a minute (with the count since), otherwise at debug level.</summary>
    private void NoteThrottled(IPAddress? remoteAddress, int limit)
    {
        if (_throttledLog.TryTakeSummary(out var count))
        {
            LogThrottled(count, limit, remoteAddress);
        }
        else
        {
            LogThrottledAgain(remoteAddress);
        }
    }

    /// <summary>
    /// The verification times of <paramref name="users"/>, measured once per generation (a slow hash per kind of
    /// hash) by the first request that needs them; requests arriving meanwhile wait for that measurement
    /// asynchronously rather than block a thread or hash again.
    /// </summary>
    private ValueTask<VerificationTimes> TimesForAsync(MetricsUserTable users)
    {
        while (true)
        {
            var current = Volatile.Read(ref _times);
            if (current is not null && ReferenceEquals(current.Users, users))
            {
                return current.Times.IsCompletedSuccessfully ? ValueTask.FromResult(current.Times.Result) : new ValueTask<VerificationTimes>(current.Times);
            }

            var measuring = new TaskCompletionSource<VerificationTimes>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new TimesOfUsers(users, measuring.Task);
            if (!ReferenceEquals(Interlocked.CompareExchange(ref _times, mine, current), current))
            {
                continue; // another request got there first: use (or wait for) its measurement
            }

            try
            {
                measuring.SetResult(VerificationTimes.Measure(users, _verifier, _time));
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _times, null, mine);
                measuring.SetException(ex);
            }

            return new ValueTask<VerificationTimes>(measuring.Task);
        }
    }

    private MetricsUserTable CurrentUsers()
    {
        var current = Volatile.Read(ref _users);
        MetricsOptions settings;
        try
        {
            settings = _options.CurrentValue;
        }
        catch (Exception ex) when (current is not null && ex is not OutOfMemoryException)
        {
            // An invalid or unreadable change (a failed validation, a value the binder cannot convert): keep serving
            // with the users that were valid (fail closed, never open).
            RejectReload(ex.Message);
            return current;
        }

        if (current is not null && (ReferenceEquals(current.Source, settings) || ReferenceEquals(Volatile.Read(ref _rejectedSource), settings)))
        {
            return current;
        }

        var fresh = MetricsUserTable.Build(settings);
        if (current is { IsEnabled: true } && !fresh.IsEnabled)
        {
            // A deleted file, an emptied list, a provider that lost its data: none of it may turn authentication off.
            if (!ReferenceEquals(Interlocked.Exchange(ref _rejectedSource, settings), settings))
            {
                LogReloadWithoutUsers(current.Count);
            }

            return current;
        }

        var previous = Interlocked.CompareExchange(ref _users, fresh, current);
        if (!ReferenceEquals(previous, current))
        {
            return previous!;
        }

        Volatile.Write(ref _lastRejectedReload, null);
        Volatile.Write(ref _rejectedSource, null);
        if (current is { IsEnabled: false } && fresh.IsEnabled)
        {
            LogAuthenticationTurnedOn(fresh.Count);
        }
        else if (current is not null)
        {
            LogUsersReloaded(fresh.Count);
        }

        return fresh;
    }

    private void RejectReload(string reason)
    {
        if (!string.Equals(Interlocked.Exchange(ref _lastRejectedReload, reason), reason, StringComparison.Ordinal))
        {
            LogReloadRejected(reason);
        }
    }

    /// <summary>The verification times of one generation of users, measured or being measured.</summary>
    private sealed record TimesOfUsers(MetricsUserTable Users, Task<VerificationTimes> Times);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request from {RemoteAddress} came without credentials and was refused")]
    private partial void LogNoCredentials(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} metrics requests since the last such line had a malformed Authorization header and were refused (logged at most once a minute; each one at Debug). The latest came from {RemoteAddress}")]
    private partial void LogMalformedCredentials(long count, IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request from {RemoteAddress} had a malformed Authorization header and was refused")]
    private partial void LogMalformedCredentialsAgain(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} metrics requests since the last such line had credentials longer than accepted (user name and password 256 bytes each, Authorization header 1024 characters) and were refused without hashing (logged at most once a minute; each one at Debug). The latest came from {RemoteAddress}")]
    private partial void LogOversizedCredentials(long count, IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request from {RemoteAddress} had credentials longer than accepted and was refused without hashing")]
    private partial void LogOversizedCredentialsAgain(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication failed for a metrics request from {RemoteAddress}")]
    private partial void LogAuthenticationFailed(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Authentication failed again for a metrics request from {RemoteAddress} (credentials refused within the cache duration)")]
    private partial void LogRepeatedFailure(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics authentication answered {Count} attempts with 429 since the last warning: {Limit} password verifications were already running (Metrics:Authentication:MaxConcurrentVerifications). The latest came from {RemoteAddress}")]
    private partial void LogThrottled(long count, int limit, IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request from {RemoteAddress} was answered 429: every password verification slot was busy")]
    private partial void LogThrottledAgain(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics authentication reloaded: {UserCount} users")]
    private partial void LogUsersReloaded(int userCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed Metrics:Authentication configuration is invalid, so the previous users stay in force: {Reason}")]
    private partial void LogReloadRejected(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed configuration lists no users under Metrics:Authentication:Users (a deleted or emptied file?), so the previous {UserCount} users stay in force: a reload never turns metrics authentication off, only a restart does")]
    private partial void LogReloadWithoutUsers(int userCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics authentication turned on by a configuration reload: {UserCount} users; from now on only a restart can turn it off")]
    private partial void LogAuthenticationTurnedOn(int userCount);
}
