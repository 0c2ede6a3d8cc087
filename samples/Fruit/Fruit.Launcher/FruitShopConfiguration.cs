using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Fruit.Launcher;

/// <summary>
/// Reads the launcher's <see cref="FruitShopSettings"/> from configuration: <c>appsettings.json</c> beside the
/// launcher, then environment variables, then the command line, the later winning. Keys, under <c>Launcher</c>:
/// <c>FrontendPort</c> (5000), <c>BackendMetricsPort</c> (5001), <c>TrafficRate</c> (5); and <c>Fruit:DatabasePath</c>
/// for the SQLite file (default per user and per app, see <c>FruitDataPaths</c>). For example
/// <c>--Launcher:FrontendPort=18312</c> or <c>Launcher__FrontendPort=18312</c>.
/// </summary>
public static class FruitShopConfiguration
{
    /// <summary>The configuration section of the launcher's own settings.</summary>
    public const string SectionName = "Launcher";

    /// <summary>Builds the configuration the launcher reads: JSON file, environment, then <paramref name="args"/>.</summary>
    public static IConfiguration Build(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();

    /// <summary>
    /// The settings in <paramref name="configuration"/>; <paramref name="sharedArguments"/> (the launcher's own
    /// arguments) are passed on to the frontend and backend as well.
    /// </summary>
    /// <exception cref="InvalidOperationException">A port or rate is not a number in range; the message names the key.</exception>
    public static FruitShopSettings Read(IConfiguration configuration, IReadOnlyList<string> sharedArguments)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new FruitShopSettings();
        return new FruitShopSettings
        {
            FrontendPort = Port(configuration, nameof(FruitShopSettings.FrontendPort), defaults.FrontendPort),
            BackendMetricsPort = Port(configuration, nameof(FruitShopSettings.BackendMetricsPort), defaults.BackendMetricsPort),
            TrafficRate = Rate(configuration, defaults.TrafficRate),
            DatabasePath = configuration["Fruit:DatabasePath"],
            SharedArguments = sharedArguments,
        };
    }

    private static int Port(IConfiguration configuration, string name, int fallback)
    {
        var text = configuration[$"{SectionName}:{name}"];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{SectionName}:{name} must be a port number from 1 to 65535, not '{text}'.");
    }

    private static double Rate(IConfiguration configuration, double fallback)
    {
        var key = $"{SectionName}:{nameof(FruitShopSettings.TrafficRate)}";
        var text = configuration[key];
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0
            ? rate
            : throw new InvalidOperationException($"{key} must be a number of requests per second, 0 or more, not '{text}'.");
    }
}
