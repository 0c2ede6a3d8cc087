extern alias LoginSample;

using LoginSample::Login;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>The user store contract on the embedded SQLite file.</summary>
public sealed class SqliteUserStoreTests : UserStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("login-store-").FullName;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override Task<IUserStore> CreateStoreAsync() => Task.FromResult<IUserStore>(new SqliteUserStore(
        Options.Create(new LoginOptions { DatabasePath = Path.Combine(_directory, "login.db") }),
        new HostingEnvironment { ContentRootPath = _directory }));
}
