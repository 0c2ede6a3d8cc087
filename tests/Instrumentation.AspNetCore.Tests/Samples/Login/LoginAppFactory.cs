extern alias LoginSample;

using LoginSample::Login;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>
/// Boots samples/Login in process with its own temporary SQLite file, a cheap password hash, and the
/// users collector on <paramref name="usersRefreshInterval"/>, and any further <paramref name="settings"/>
/// (e.g. <c>Login:DatabaseProvider</c>); deletes the file on dispose.
/// </summary>
public sealed class LoginAppFactory(string usersRefreshInterval, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<LoginApp>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"instrumentation-login-{Guid.NewGuid():N}.db");

    /// <summary>With the sample's default interval, 30 s: the collector does not run during a test.</summary>
    public LoginAppFactory()
        : this(LoginOptions.DefaultUsersRefreshInterval)
    {
    }

    public const int TestPasswordHashIterations = 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Login:DatabasePath", _databasePath);
        builder.UseSetting("Login:UsersRefreshInterval", usersRefreshInterval);
        builder.UseSetting("Login:PasswordHashIterations", TestPasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_databasePath);
        }
    }
}
