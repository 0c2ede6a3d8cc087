extern alias LoginSample;

using Instrumentation.AspNetCore.Tests.TestSupport;
using LoginSample::Login;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The user store contract on a real PostgreSQL, a schema of its own per test.</summary>
public sealed class PostgreSqlUserStoreTests(PostgreSqlServer server) : UserStoreContract, IClassFixture<PostgreSqlServer>
{
    protected override async Task<IUserStore> CreateStoreAsync() => new PostgreSqlUserStore(await server.NewSchemaAsync());
}
