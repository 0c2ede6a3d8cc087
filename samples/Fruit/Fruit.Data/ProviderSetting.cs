using Microsoft.Extensions.Configuration;

namespace Fruit.Data;

/// <summary>Reads the provider choices and connection strings, failing at start-up with which setting is wrong and how to fix it.</summary>
internal static class ProviderSetting
{
    /// <summary>The start-up hint for the PostgreSQL connection string.</summary>
    public const string PostgreSqlHint =
        "Start a local server with: eval \"$(bash samples/scripts/postgres.sh start)\" (it sets ConnectionStrings__PostgreSql), " +
        "or set Fruit:DatabaseProvider=Sqlite for the embedded file";

    /// <summary>The start-up hint for the RabbitMQ URI.</summary>
    public const string RabbitMqHint =
        "Start a local broker with: eval \"$(bash samples/scripts/rabbitmq.sh start)\" (it sets ConnectionStrings__RabbitMq), " +
        "or set Fruit:QueueProvider=Sqlite for the embedded queue";

    /// <summary>The value of <c>Fruit:{key}</c> as <typeparamref name="TProvider"/> (any case), or the first provider when unset.</summary>
    /// <exception cref="InvalidOperationException">The value names no provider.</exception>
    public static TProvider Parse<TProvider>(IConfiguration fruitSection, string key)
        where TProvider : struct, Enum
    {
        var value = fruitSection[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return default;
        }

        foreach (var name in Enum.GetNames<TProvider>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TProvider>(name);
            }
        }

        throw new InvalidOperationException(
            $"{FruitOptions.SectionName}:{key} is '{value}', which is not a provider this sample knows. " +
            $"Use one of: {string.Join(", ", Enum.GetNames<TProvider>())} (the default is {default(TProvider)}).");
    }

    /// <summary>The connection string <c>ConnectionStrings:{name}</c>, required because <c>Fruit:{providerKey}</c> chose a server.</summary>
    /// <exception cref="InvalidOperationException">It is not set.</exception>
    public static string RequireConnectionString(IConfiguration configuration, string name, string providerKey, string provider, string hint)
    {
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{FruitOptions.SectionName}:{providerKey} is {provider}, but ConnectionStrings:{name} is not set. " +
                $"Set it (environment variable ConnectionStrings__{name}). {hint}.");
        }

        return value;
    }
}
