using Fruit.Data;
using Fruit.Data.PostgreSql;
using Fruit.Data.RabbitMq;
using Fruit.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the fruit shop's storage.</summary>
public static class FruitDataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IFruitStore"/> and <see cref="IFruitQueueClient"/> as singletons, each chosen by its own setting:
    /// <c>Fruit:DatabaseProvider</c> (<c>Sqlite</c>, the default, or <c>PostgreSql</c> with <c>ConnectionStrings:PostgreSql</c>)
    /// and <c>Fruit:QueueProvider</c> (<c>Sqlite</c>, the default, or <c>RabbitMq</c> with <c>ConnectionStrings:RabbitMq</c>);
    /// <see cref="FruitOptions"/> bound from the <c>Fruit</c> section of <paramref name="configuration"/>; and a hosted
    /// service that connects to both when the host starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">A provider setting names no provider, or a chosen server has no connection string.</exception>
    public static IServiceCollection AddFruitData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FruitOptions.SectionName);
        var databaseProvider = ProviderSetting.Parse<FruitDatabaseProvider>(section, nameof(FruitOptions.DatabaseProvider));
        var queueProvider = ProviderSetting.Parse<FruitQueueProvider>(section, nameof(FruitOptions.QueueProvider));

        services.Configure<FruitOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteFruitDatabase>();
        if (databaseProvider == FruitDatabaseProvider.PostgreSql)
        {
            var connectionString = ProviderSetting.RequireConnectionString(
                configuration, FruitOptions.PostgreSqlConnectionStringName, nameof(FruitOptions.DatabaseProvider), "PostgreSql", ProviderSetting.PostgreSqlHint);
            services.TryAddSingleton<IFruitStore>(provider => new PostgreSqlFruitStore(
                connectionString, provider.GetRequiredService<IOptions<FruitOptions>>(), provider.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.TryAddSingleton<IFruitStore, SqliteFruitStore>();
        }

        if (queueProvider == FruitQueueProvider.RabbitMq)
        {
            var uri = ProviderSetting.RequireConnectionString(
                configuration, FruitOptions.RabbitMqConnectionStringName, nameof(FruitOptions.QueueProvider), "RabbitMq", ProviderSetting.RabbitMqHint);
            services.TryAddSingleton<IFruitQueueClient>(provider => new RabbitMqFruitQueueClient(
                uri, provider.GetRequiredService<IOptions<FruitOptions>>().Value.RabbitMqQueue));
        }
        else
        {
            services.TryAddSingleton<IFruitQueueClient, SqliteFruitQueueClient>();
        }

        services.AddHostedService<FruitStorageInitializer>();
        return services;
    }
}
