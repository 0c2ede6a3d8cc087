using System.Data.Common;

namespace Fruit.Data;

/// <summary>What the database holds: quantities per fruit, all time and recently inserted.</summary>
/// <param name="AllTime">Total quantity ever inserted, per fruit of the catalog (0 for none).</param>
/// <param name="Recent">Quantity inserted within the recent window, per fruit of the catalog (0 for none).</param>
public sealed record FruitTotals(IReadOnlyDictionary<string, long> AllTime, IReadOnlyDictionary<string, long> Recent)
{
    /// <summary>Sum of <see cref="AllTime"/>.</summary>
    public long AllTimeTotal => AllTime.Values.Sum();

    /// <summary>Sum of <see cref="Recent"/>.</summary>
    public long RecentTotal => Recent.Values.Sum();

    /// <summary>
    /// Reads rows of (name, all-time quantity, recent quantity), as every store's totals query returns them;
    /// fruits of the catalog without a row get 0.
    /// </summary>
    internal static async Task<FruitTotals> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var allTime = new Dictionary<string, long>(StringComparer.Ordinal);
        var recent = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in FruitCatalog.Names)
        {
            allTime[name] = 0;
            recent[name] = 0;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            allTime[reader.GetString(0)] = reader.GetInt64(1);
            recent[reader.GetString(0)] = reader.GetInt64(2);
        }

        return new FruitTotals(allTime, recent);
    }
}
