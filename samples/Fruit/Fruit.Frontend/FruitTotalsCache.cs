using Fruit.Data;

namespace Fruit.Frontend;

/// <summary>
/// Reads the database at most once per <see cref="Lifetime"/> (concurrent requests share one read) and
/// updates the fruit gauges on every fresh read. Thread-safe.
/// </summary>
public sealed class FruitTotalsCache(IFruitStore store, FrontendMetrics metrics, TimeProvider timeProvider) : IDisposable
{
    /// <summary>How long a read is served from the cache.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedTotals? _cached;

    /// <summary>Returns the totals, read from the database if the cached ones are older than <see cref="Lifetime"/>.</summary>
    public async Task<FruitTotals> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } fresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_cached) is { } justRead)
            {
                return justRead;
            }

            var totals = await store.ReadTotalsAsync(cancellationToken).ConfigureAwait(false);
            metrics.Update(totals);
            _cached = new CachedTotals(totals, timeProvider.GetUtcNow());
            return totals;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private FruitTotals? Fresh(CachedTotals? cached) =>
        cached is not null && timeProvider.GetUtcNow() - cached.ReadAt < Lifetime ? cached.Totals : null;

    private sealed record CachedTotals(FruitTotals Totals, DateTimeOffset ReadAt);
}
