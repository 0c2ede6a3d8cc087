using global::Fruit.Data;
using global::Fruit.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit store contract on the embedded SQLite file.</summary>
public sealed class SqliteFruitStoreTests : FruitStoreContract
{
    private readonly FruitTestDatabase _database = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }

    protected override Task<IFruitStore> CreateStoreAsync(TimeProvider clock)
    {
        var options = Options.Create(new FruitOptions { DatabasePath = _database.Path });
        return Task.FromResult<IFruitStore>(new SqliteFruitStore(new SqliteFruitDatabase(options), options, clock));
    }
}
