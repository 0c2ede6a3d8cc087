namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>The names the script gives the configurations on the command line.</summary>
internal static class Configurations
{
    public static readonly IReadOnlyDictionary<string, AppConfiguration> ByName = new Dictionary<string, AppConfiguration>(StringComparer.Ordinal)
    {
        ["bare"] = AppConfiguration.Bare,
        ["ours"] = AppConfiguration.Ours,
        ["prometheus-net"] = AppConfiguration.PrometheusNet,
        ["opentelemetry"] = AppConfiguration.OpenTelemetry,
        ["ours-addmetrics-only"] = AppConfiguration.OursAddMetricsOnly,
        ["ours-without-sizes"] = AppConfiguration.OursWithoutSizes,
        ["ours-without-aspnetcore-meters"] = AppConfiguration.OursWithoutAspNetCoreMeters,
        ["bare-with-noop-listener"] = AppConfiguration.BareWithNoOpListener,
        ["ours-own-cells-prototype"] = AppConfiguration.OursOwnCellsPrototype,
    };

    public static bool TryParse(string name, out AppConfiguration configuration) => ByName.TryGetValue(name, out configuration);
}
