using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Instrumentation.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Checks the basic authentication of a metrics request against <see cref="MetricsAuthenticationOptions.Users"/>,
/// before anything is collected. Shared by <c>MapMetrics()</c> and the standalone metrics server.
/// </summary>
/// <remarks>
/// Users are read through <see cref="IOptionsMonitor{TOptions}"/>: a configuration change applies to the next
/// request; a change that fails validation is logged and the previous users stay in force. An unknown user
/// is verified against a dummy hash of the same cost as a real one, so the time taken does not tell which
/// user names exist. Logs never carry a user name or password. Thread-safe.
/// </remarks>
internal sealed partial class MetricsBasicAuthenticator(
    IOptionsMonitor<MetricsOptions> options,
    ILogger<MetricsBasicAuthenticator> logger,
    TimeProvider? timeProvider = null,
    PasswordVerifier? verifier = null)
{
    /// <summary>The challenge sent with every 401.</summary>
    public const string Challenge = "Basic realm=\"metrics\"";

    private readonly VerifiedCredentialCache _cache = new(timeProvider ?? TimeProvider.System);
    private readonly PasswordVerifier _verifier = verifier ?? new PasswordVerifier();
    private MetricsUserTable? _users;
    private string? _lastRejectedReload;

    /// <summary>
    /// Whether the request may be served: true when authentication is off or the credentials verify;
    /// otherwise the response is set to 401 with the challenge, and the caller must not collect.
    /// </summary>
    public ValueTask<bool> AuthenticateAsync(HttpContext context) => ValueTask.FromResult(Authenticate(context));

    private bool Authenticate(HttpContext context)
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
            _verifier.Verify(users.Dummy!, password);
            return false;
        }

        var key = CredentialKey.Compute(username, password, user.HashText);
        if (_cache.IsFresh(key))
        {
            return true;
        }

        if (!_verifier.Verify(user.Hash, password))
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
            settings = options.CurrentValue;
        }
        catch (OptionsValidationException ex) when (current is not null)
        {
            // An invalid change: keep serving with the users that were valid (fail closed, never open).
            if (!string.Equals(Volatile.Read(ref _lastRejectedReload), ex.Message, StringComparison.Ordinal))
            {
                Volatile.Write(ref _lastRejectedReload, ex.Message);
                LogReloadRejected(ex.Message);
            }

            return current;
        }

        if (current is not null && ReferenceEquals(current.Source, settings))
        {
            return current;
        }

        var fresh = MetricsUserTable.Build(settings);
        var previous = Interlocked.CompareExchange(ref _users, fresh, current);
        if (!ReferenceEquals(previous, current))
        {
            return previous!;
        }

        Volatile.Write(ref _lastRejectedReload, null);
        if (current is not null)
        {
            LogUsersReloaded(fresh.Count);
        }

        return fresh;
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
}
