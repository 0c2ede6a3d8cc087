using System.Buffers;
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
/// An unknown user is verified against a dummy hash of the same cost as a real one, so the time taken does not tell
/// which user names exist. Logs never carry a user name or password. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class MetricsBasicAuthenticator
{
    /// <summary>The challenge sent with every 401.</summary>
    public const string Challenge = "Basic realm=\"metrics\"";

    private readonly IOptionsMonitor<MetricsOptions> _options;
    private readonly ILogger<MetricsBasicAuthenticator> _logger;
    private readonly VerifiedCredentialCache _cache;
    private MetricsUserTable? _users;
    private MetricsOptions? _rejectedSource;
    private string? _lastRejectedReload;

    public MetricsBasicAuthenticator(
        IOptionsMonitor<MetricsOptions> options,
        ILogger<MetricsBasicAuthenticator> logger,
        IConfiguration? configuration = null,
        TimeProvider? timeProvider = null)
    {
        _options = options;
        _logger = logger;
        _cache = new VerifiedCredentialCache(timeProvider ?? TimeProvider.System);
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
    /// otherwise the response is set to 401 with the challenge, and the caller must not collect.
    /// </summary>
    public bool Authenticate(HttpContext context)
    {
        var users = CurrentUsers();
        if (!users.IsEnabled)
        {
            return true;
        }

        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            LogNoCredentials(context.Connection.RemoteIpAddress);
            return Refuse(context.Response);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BasicCredentials.MaxEncodedLength);
        try
        {
            if (header.Count != 1 || !BasicCredentials.TryDecode(header.ToString(), buffer, out var usernameLength, out var passwordStart, out var length))
            {
                LogMalformedCredentials(context.Connection.RemoteIpAddress);
                return Refuse(context.Response);
            }

            var decoded = buffer.AsSpan(0, length);
            if (Verify(users, decoded[..usernameLength], decoded[passwordStart..]))
            {
                return true;
            }

            LogAuthenticationFailed(context.Connection.RemoteIpAddress);
            return Refuse(context.Response);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, BasicCredentials.MaxEncodedLength));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Verify(MetricsUserTable users, ReadOnlySpan<byte> username, ReadOnlySpan<byte> password)
    {
        if (!users.TryGet(Encoding.UTF8.GetString(username), out var user))
        {
            // Same work as a wrong password: a key, then a full hash of the same cost.
            _ = CredentialKey.Compute(username, password, []);
            users.Dummy!.Verify(password);
            return false;
        }

        var key = CredentialKey.Compute(username, password, user.HashText);
        if (_cache.IsFresh(key))
        {
            return true;
        }

        if (!user.Hash.Verify(password))
        {
            return false;
        }

        _cache.Remember(key, users.CacheDuration);
        return true;
    }

    private static bool Refuse(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        return false;
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "A metrics request from {RemoteAddress} came without credentials and was refused")]
    private partial void LogNoCredentials(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "A metrics request from {RemoteAddress} had a malformed Authorization header and was refused")]
    private partial void LogMalformedCredentials(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication failed for a metrics request from {RemoteAddress}")]
    private partial void LogAuthenticationFailed(IPAddress? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics authentication reloaded: {UserCount} users")]
    private partial void LogUsersReloaded(int userCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed Metrics:Authentication configuration is invalid, so the previous users stay in force: {Reason}")]
    private partial void LogReloadRejected(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed configuration lists no users under Metrics:Authentication:Users (a deleted or emptied file?), so the previous {UserCount} users stay in force: a reload never turns metrics authentication off, only a restart does")]
    private partial void LogReloadWithoutUsers(int userCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics authentication turned on by a configuration reload: {UserCount} users; from now on only a restart can turn it off")]
    private partial void LogAuthenticationTurnedOn(int userCount);
}
