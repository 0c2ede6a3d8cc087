using global::Fruit.Data;
using global::Fruit.Data.PostgreSql;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit store contract on a real PostgreSQL, a schema of its own per test.</summary>
public sealed class PostgreSqlFruitStoreTests(PostgreSqlServer server) : FruitStoreContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<IFruitStore> CreateStoreAsync(TimeProvider clock) =>
        new PostgreSqlFruitStore(await server.NewSchemaAsync(), Options.Create(new FruitOptions()), clock);
}
