using System.Collections.Concurrent;

namespace Instrumentation.AspNetCore.Authentication;

/// <summary>
/// Remembers credentials that were refused (a wrong password, an unknown user), for the cache duration from
/// the failure, so the same bad credentials sent again are refused without a slow hash. Keyed like
/// <see cref="VerifiedCredentialCache"/> (so never by a password, and a changed hash never matches an old
/// failure). A verdict is deterministic for a given user name, password and hash, so remembering one can never
/// refuse credentials that would verify. At most <see cref="Capacity"/> entries: past that, expired ones go,
/// then arbitrary ones, which only means those pay a hash again. Thread-safe.
/// </summary>
internal sealed class FailedCredentialCache(TimeProvider time, int capacity = FailedCredentialCache.DefaultCapacity)
{
    /// <summary>Default <see cref="Capacity"/>: about 4096 * 100 bytes at most.</summary>
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<CredentialKey, DateTimeOffset> _expiries = new();

    public int Capacity => capacity;

    public int Count => _expiries.Count;

    /// <summary>Whether <paramref name="key"/> was refused within its cache duration.</summary>
    public bool Contains(CredentialKey key)
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
        if (_expiries.Count >= capacity)
        {
            Prune(now);
        }

        _expiries[key] = now + duration;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var entry in _expiries)
        {
            if (entry.Value <= now)
            {
                _expiries.TryRemove(entry);
            }
        }

        // Still full of live entries (many distinct bad credentials): drop a quarter, whichever come first.
        var excess = _expiries.Count - (capacity * 3 / 4);
        foreach (var entry in _expiries)
        {
            if (excess-- <= 0)
            {
                break;
            }

            _expiries.TryRemove(entry);
        }
    }
}
