using System.Collections.Concurrent;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Remembers credentials that verified, so a scrape every few seconds does not pay a slow hash each time: an
/// entry lasts for the cache duration after its last use (a scraper that keeps scraping never pays again, even
/// while a flood of bad credentials keeps every verification slot busy). Only correct credentials get in, so
/// its size is bounded by the number of users (and their past hashes until pruned). Thread-safe.
/// </summary>
internal sealed class VerifiedCredentialCache(TimeProvider time)
{
    private const int PruneThreshold = 256;
    private readonly ConcurrentDictionary<CredentialKey, DateTimeOffset> _expiries = new();

    public int Count => _expiries.Count;

    /// <summary>Whether <paramref name="key"/> verified within the last <paramref name="duration"/>; if so, it is kept for another <paramref name="duration"/>.</summary>
    public bool TryUse(CredentialKey key, TimeSpan duration)
    {
        if (!_expiries.TryGetValue(key, out var expiry))
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (expiry <= now)
        {
            _expiries.TryRemove(new KeyValuePair<CredentialKey, DateTimeOffset>(key, expiry));
            return false;
        }

        // A lost race only keeps the other request's (equally fresh) expiry.
        _expiries.TryUpdate(key, now + duration, expiry);
        return true;
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
