using System.Collections.Concurrent;

namespace Handlers;

/// <summary>Responses kept between requests, by key, until changed or purged. Thread-safe.</summary>
public sealed class ResponseCache
{
    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);

    /// <summary>The number of cached responses.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached value for <paramref name="key"/>, made by <paramref name="create"/> when missing.</summary>
    public T GetOrAdd<T>(string key, Func<T> create)
        where T : notnull =>
        (T)_entries.GetOrAdd(key, _ => create());

    /// <summary>Forgets <paramref name="key"/>.</summary>
    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets everything; returns how many entries there were.</summary>
    public int Purge()
    {
        var purged = 0;
        foreach (var key in _entries.Keys)
        {
            if (_entries.TryRemove(key, out _))
            {
                purged++;
            }
        }

        return purged;
    }
}
