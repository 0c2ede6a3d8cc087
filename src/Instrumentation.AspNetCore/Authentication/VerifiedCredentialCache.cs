using System.Collections.Concurrent;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Remembers credentials that verified, for a short while, so a scrape every second does not pay a slow
/// hash each time. Only successes are kept (a wrong password always pays the full cost), so its size is
/// bounded by the number of users. Thread-safe.
/// </summary>
internal sealed class VerifiedCredentialCache(TimeProvider time)
{
    private const int PruneThreshold = 256;
    private readonly ConcurrentDictionary<CredentialKey, DateTimeOffset> _expiries = new();

    public int Count => _expiries.Count;

    public bool IsFresh(CredentialKey key)
    {
        if (!_expiries.TryGetValue(key, out var expiry))
        {
            return false;
        }

        if (expiry > time.GetUtcNow())
        {
            return true;
        }

        _expiries.TryRemove(new KeyValuePair<CredentialKey, DateTimeOffset>(key, expiry));
        return false;
    }

    public void Remember(CredentialKey key, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_expiries.Count >= PruneThreshold)
        {
            foreach (var entry in _expiries)
            {
                if (entry.Value <= now)
                {
                    _expiries.TryRemove(entry);
                }
            }
        }

        _expiries[key] = now + duration;
    }
}
