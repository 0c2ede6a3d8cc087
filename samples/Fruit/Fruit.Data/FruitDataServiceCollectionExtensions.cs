using Fruit.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the fruit shop's storage.</summary>
public static class FruitDataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FruitDatabase"/>, <see cref="FruitStore"/> and <see cref="FruitQueueTable"/> as singletons,
    /// with <see cref="FruitOptions"/> bound from the <c>Fruit</c> section of <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddFruitData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<FruitOptions>(configuration.GetSection(FruitOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FruitDatabase>();
        services.TryAddSingleton<FruitStore>();
        services.TryAddSingleton<FruitQueueTable>();
        return services;
    }
}
