using Instrumentation;
using Instrumentation.Collection;
using Instrumentation.DefaultMetrics;
using Instrumentation.Exposition;
using Instrumentation.Hosting;
using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Instrumentation's metrics on an application builder.</summary>
public static class MetricsHostApplicationBuilderExtensions
{
    /// <summary>
    /// Registers the <see cref="MetricFactory"/> (over <see cref="System.Diagnostics.Metrics.IMeterFactory"/>),
    /// the export of foreign meters, and the <see cref="MetricsScraper"/>, with <see cref="MetricsOptions"/>
    /// bound from the <c>"Metrics"</c> configuration section and validated at start-up. Calling it again is
    /// harmless; each <paramref name="configure"/> runs after the configuration is bound.
    /// </summary>
    /// <remarks>
    /// When the application also registers an OpenTelemetry <c>MeterProvider</c>
    /// (<c>builder.Services.AddOpenTelemetry().WithMetrics(...)</c>, called before or after this), the foreign meters
    /// (<see cref="MetricsOptions.Meters"/> and the defaults) are added to that provider and <c>/metrics</c> reads them
    /// through a reader of its, with the application's views, resource, exemplar filter and cardinality limits; without
    /// one, a provider of our own aggregates them (docs/opentelemetry.md).
    /// </remarks>
    /// <param name="builder">The application builder (<c>WebApplication.CreateBuilder</c> or <c>Host.CreateApplicationBuilder</c>).</param>
    /// <param name="configure">Optional changes to the options in code.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder, Action<MetricsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<MetricsOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(MetricsMarker)))
        {
            services.AddSingleton<MetricsMarker>();
            options.Bind(builder.Configuration.GetSection(MetricsOptions.SectionName));
            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsAuthenticationOptionsValidator>());

            // Microsoft.Extensions.Diagnostics' AddMetrics(): registers IMeterFactory (a different method from this one).
            MetricsServiceExtensions.AddMetrics(services);

            services.TryAddSingleton(static provider =>
            {
                var settings = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
                return new MetricFactory(
                    provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                    new MetricFactoryOptions
                    {
                        MeterName = settings.MeterName,
                        Exemplars = settings.Exemplars,
                        TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System,
                        CardinalityLimit = settings.CardinalityLimit,
                        SeriesIdleTimeout = settings.SeriesIdleTimeout,
                        CallbackTimeout = settings.CallbackTimeout,
                        LoggerFactory = provider.GetService<ILoggerFactory>(),
                    });
            });
            services.TryAddSingleton(static provider =>
            {
                var settings = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
                var foreign = new ForeignMeterSourceOptions
                {
                    CardinalityLimit = settings.CardinalityLimit,
                    Exemplars = settings.Exemplars,
                    ScopeLabels = settings.ScopeLabels,
                    TargetInfo = settings.TargetInfo,
                    MeterFactory = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                };
                foreach (var meter in settings.ExportedMeters())
                {
                    foreign.Meters.Add(meter);
                }

                // The application's own provider (AddOpenTelemetry().WithMetrics()) takes our reader when it is built.
                return AppMeterProvider.IsRegistered(provider)
                    ? ForeignMeterSource.OnAppProvider(
                        foreign,
                        () => provider.GetService<MeterProvider>(),
                        provider.GetService<ILoggerFactory>()?.CreateLogger<ForeignMeterSource>() ?? NullLogger<ForeignMeterSource>.Instance)
                    : new ForeignMeterSource(foreign);
            });
            AppMeterProvider.Register(services);
            services.TryAddSingleton(static provider =>
            {
                // Our own instruments first: on a name clash the first source wins.
                var sources = new List<IMetricsSource>
                {
                    provider.GetRequiredService<MetricFactory>(),
                    provider.GetRequiredService<ForeignMeterSource>(),
                };
                sources.AddRange(provider.GetServices<IMetricsSource>());
                var limit = provider.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxScrapeBytes;
                return new MetricsScraper(sources, limit);
            });
            services.AddHostedService<MetricsStartup>();
            services.AddDefaultMetrics();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that <see cref="AddMetrics"/> ran, so a second call only adds its configure delegate.</summary>
    internal sealed class MetricsMarker;
}
