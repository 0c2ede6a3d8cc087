using global::Fruit.Data;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>
/// What every <see cref="IFruitStore"/> must do, run against each implementation (SQLite and a real PostgreSQL)
/// by a subclass that supplies a fresh, empty store per test on a manual clock (recent window 5 minutes).
/// </summary>
public abstract class FruitStoreContract : IAsyncLifetime
{
    private IFruitStore? _store;

    protected ManualTimeProvider Clock { get; } = new();

    protected IFruitStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync(Clock);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadTotals_OfAnEmptyStore_IsZeroForEveryFruitOfTheCatalog()
    {
        var totals = await Store.ReadTotalsAsync(CancellationToken.None);

        totals.AllTime.Keys.Should().BeEquivalentTo(FruitCatalog.Names);
        totals.Recent.Keys.Should().BeEquivalentTo(FruitCatalog.Names);
        totals.AllTimeTotal.Should().Be(0);
        totals.RecentTotal.Should().Be(0);
    }

    [Fact]
    public async Task Inserts_AddUpPerFruit()
    {
        await Store.InsertAsync("apple", 3, CancellationToken.None);
        await Store.InsertAsync("apple", 4, CancellationToken.None);
        await Store.InsertAsync("mango", 5, CancellationToken.None);

        var totals = await Store.ReadTotalsAsync(CancellationToken.None);

        totals.AllTime["apple"].Should().Be(7);
        totals.AllTime["mango"].Should().Be(5);
        totals.AllTime["banana"].Should().Be(0);
        totals.Recent["apple"].Should().Be(7);
        totals.RecentTotal.Should().Be(12);
    }

    [Fact]
    public async Task Recent_CountsOnlyInsertsWithinTheWindow_AllTimeCountsEverything()
    {
        await Store.InsertAsync("cherry", 6, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(4));
        await Store.InsertAsync("cherry", 2, CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(2));

        var totals = await Store.ReadTotalsAsync(CancellationToken.None);

        totals.AllTime["cherry"].Should().Be(8);
        totals.Recent["cherry"].Should().Be(2, "the first insert is 6 minutes old, outside the 5-minute window");
    }

    [Fact]
    public async Task Initialize_Again_KeepsTheFruits()
    {
        await Store.InsertAsync("orange", 9, CancellationToken.None);

        await Store.InitializeAsync(CancellationToken.None);

        (await Store.ReadTotalsAsync(CancellationToken.None)).AllTime["orange"].Should().Be(9);
    }

    /// <summary>A store over a new, empty database (or schema) on <paramref name="clock"/>; the contract initializes it.</summary>
    protected abstract Task<IFruitStore> CreateStoreAsync(TimeProvider clock);
}
