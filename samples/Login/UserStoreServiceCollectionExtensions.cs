namespace Login;

/// <summary>Registers the <see cref="IUserStore"/> that <c>Login:DatabaseProvider</c> names.</summary>
public static class UserStoreServiceCollectionExtensions
{
    /// <summary>How to get a PostgreSQL, or do without one, for start-up errors.</summary>
    internal const string PostgreSqlHint =
        "Start a local server with: eval \"$(bash samples/scripts/postgres.sh start)\" (it sets ConnectionStrings__PostgreSql), " +
        "or set Login:DatabaseProvider=Sqlite for the embedded file";

    /// <summary>
    /// Adds the user store as a singleton: <see cref="SqliteUserStore"/> when <c>Login:DatabaseProvider</c> is unset or
    /// <c>Sqlite</c>, <see cref="PostgreSqlUserStore"/> over <c>ConnectionStrings:PostgreSql</c> when it is <c>PostgreSql</c> (any case).
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or PostgreSQL is chosen without a connection string.</exception>
    public static IServiceCollection AddUserStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        const string providerKey = $"{LoginOptions.SectionName}:{nameof(LoginOptions.DatabaseProvider)}";
        switch (ParseProvider(configuration[providerKey], providerKey))
        {
            case UserDatabaseProvider.PostgreSql:
                var connectionString = configuration.GetConnectionString(LoginOptions.PostgreSqlConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"{providerKey} is PostgreSql, but ConnectionStrings:{LoginOptions.PostgreSqlConnectionStringName} is not set. " +
                        $"Set it (environment variable ConnectionStrings__{LoginOptions.PostgreSqlConnectionStringName}). {PostgreSqlHint}.");
                }

                services.AddSingleton<IUserStore>(_ => new PostgreSqlUserStore(connectionString));
                break;
            default:
                services.AddSingleton<IUserStore, SqliteUserStore>();
                break;
        }

        return services;
    }

    private static UserDatabaseProvider ParseProvider(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return UserDatabaseProvider.Sqlite;
        }

        foreach (var name in Enum.GetNames<UserDatabaseProvider>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<UserDatabaseProvider>(name);
            }
        }

        throw new InvalidOperationException(
            $"{key} is '{value}', which is not a provider this sample knows. " +
            $"Use one of: {string.Join(", ", Enum.GetNames<UserDatabaseProvider>())} (the default is Sqlite).");
    }
}
