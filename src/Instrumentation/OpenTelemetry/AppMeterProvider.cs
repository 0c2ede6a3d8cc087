using Instrumentation.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Makes <c>/metrics</c> a reader of the application's own OpenTelemetry <see cref="MeterProvider"/> (the one
/// <c>AddOpenTelemetry().WithMetrics(...)</c> registers) instead of a provider of its own, so each foreign meter is
/// aggregated once, with the application's views, resource, exemplar filter and cardinality limits.
/// </summary>
/// <remarks>
/// The registrations are made whatever the order of <c>AddMetrics()</c> and <c>AddOpenTelemetry()</c>, and only used
/// when the application's provider is built: without one, the <see cref="ForeignMeterSource"/> builds its own, as
/// it always did. Through OpenTelemetry's own extension point (<c>ConfigureOpenTelemetryMeterProvider</c>), so this
/// library does not depend on OpenTelemetry.Extensions.Hosting.
/// </remarks>
internal static class AppMeterProvider
{
    /// <summary>The configuration key by which OpenTelemetry takes the exemplar filter from the environment.</summary>
    internal const string ExemplarFilterConfigurationKey = "OTEL_METRICS_EXEMPLAR_FILTER";

    /// <summary>Whether the application registered a <see cref="MeterProvider"/> in its services; resolves nothing.</summary>
    public static bool IsRegistered(IServiceProvider services) =>
        services.GetService<IServiceProviderIsService>()?.IsService(typeof(MeterProvider)) == true;

    /// <summary>Registers what the application's provider, when there is one, runs as it is built.</summary>
    public static void Register(IServiceCollection services)
    {
        // Moved to the start of the list, so that an exemplar filter the application sets, before or after
        // AddMetrics(), comes later and wins: the provider runs its configuration callbacks in registration order.
        services.ConfigureOpenTelemetryMeterProvider(SetDefaultExemplarFilter);
        var setDefaultExemplarFilter = services[^1];
        services.RemoveAt(services.Count - 1);
        services.Insert(0, setDefaultExemplarFilter);
        services.ConfigureOpenTelemetryMeterProvider(static (provider, builder) => provider.GetRequiredService<ForeignMeterSource>().ConfigureAppProvider(builder));
    }

    /// <summary>
    /// Sets the exemplar filter <see cref="MetricsOptions.Exemplars"/> asks for (trace-based, or off) unless the
    /// application chooses one: OpenTelemetry's own default is off, which would take the exemplars of foreign meters
    /// out of <c>/metrics</c>. The application's <c>SetExemplarFilter</c> runs after this and wins; so does
    /// <c>OTEL_METRICS_EXEMPLAR_FILTER</c>, which OpenTelemetry reads only when no filter was set in code.
    /// </summary>
    private static void SetDefaultExemplarFilter(IServiceProvider services, MeterProviderBuilder builder)
    {
        if (!string.IsNullOrEmpty(services.GetService<IConfiguration>()?[ExemplarFilterConfigurationKey]))
        {
            return;
        }

        var exemplars = services.GetRequiredService<IOptions<MetricsOptions>>().Value.Exemplars;
        builder.SetExemplarFilter(exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff);
    }
}
