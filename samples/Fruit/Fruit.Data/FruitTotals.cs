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
}
