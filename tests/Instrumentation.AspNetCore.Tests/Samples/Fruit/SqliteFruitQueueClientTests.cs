using global::Fruit.Data;
using global::Fruit.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The queue contract on the embedded SQLite table, each client with its own database accessor (as another process).</summary>
public sealed class SqliteFruitQueueClientTests : FruitQueueContract
{
    private readonly FruitTestDatabase _database = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }

    protected override IFruitQueueClient CreateClient() => new SqliteFruitQueueClient(
        new SqliteFruitDatabase(Options.Create(new FruitOptions { DatabasePath = _database.Path })), TimeProvider.System);
}
