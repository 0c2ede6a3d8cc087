using System.Text;
using Instrumentation.Hosting;
using Instrumentation.Security;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// One immutable generation of the configured users, parsed once: a request holds on to the table it
/// started with, so a configuration change never disturbs a request in flight.
/// </summary>
internal sealed class MetricsUserTable
{
    private readonly Dictionary<string, Entry> _users;

    private MetricsUserTable(MetricsOptions source, Dictionary<string, Entry> users, TimeSpan cacheDuration)
    {
        Source = source;
        _users = users;
        CacheDuration = cacheDuration;
    }

    /// <summary>The options instance this table was built from, to notice a reload.</summary>
    public MetricsOptions Source { get; }

    /// <summary>Whether basic authentication is on (some user is configured).</summary>
    public bool IsEnabled => _users.Count > 0;

    public int Count => _users.Count;

    /// <summary>Every user's parsed hash (for <see cref="VerificationTimes"/>, which makes the dummies unknown users are verified against).</summary>
    public IEnumerable<ParsedPasswordHash> Hashes => _users.Values.Select(static entry => entry.Hash);

    public TimeSpan CacheDuration { get; }

    public static MetricsUserTable Build(MetricsOptions options)
    {
        var users = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var user in options.Authentication.Users)
        {
            if (!ParsedPasswordHash.TryParse(user.PasswordHash, out var hash, out var error))
            {
                // Validation has already refused this; reaching here means the options skipped validation.
                throw new InvalidOperationException($"The password hash of metrics user '{user.Username}' {error}.");
            }

            users[user.Username] = new Entry(hash, Encoding.UTF8.GetBytes(user.PasswordHash));
        }

        return new MetricsUserTable(options, users, options.Authentication.CacheDuration);
    }

    public bool TryGet(string username, out Entry entry) => _users.TryGetValue(username, out entry!);

    /// <summary>A user's parsed hash, and its text as bytes for the cache key.</summary>
    internal sealed record Entry(ParsedPasswordHash Hash, byte[] HashText);
}
