using System.Diagnostics.Metrics;
using Instrumentation;
using Instrumentation.Hosting;
using Instrumentation.OpenTelemetry;
using Instrumentation.OpenTelemetryProtocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the export of the application's metrics over OTLP.</summary>
public static class OtlpMetricsHostApplicationBuilderExtensions
{
    /// <summary>
    /// Exports our instruments and the foreign meters <c>/metrics</c> exports to an OpenTelemetry Collector
    /// over OTLP every <see cref="OtlpExportOptions.Interval"/>, and once more when the host stops. Calls
    /// <c>AddMetrics()</c>; binds <see cref="OtlpExportOptions"/> from <c>Metrics:Otlp</c> and validates them at
    /// start-up. When the application registers an OpenTelemetry <c>MeterProvider</c>
    /// (<c>builder.Services.AddOpenTelemetry().WithMetrics(...)</c>, called before or after this), the OTLP reader and
    /// the meters are added to that provider, with the application's views, resource (<c>service.name</c>; then
    /// <see cref="OtlpExportOptions.ServiceName"/> is ignored), exemplar filter and cardinality limits; without one, the
    /// <c>MeterProvider</c> behind it is ours: created at start, disposed with the host (docs/opentelemetry.md). Each
    /// export's outcome is recorded as <c>push_last_success_timestamp_seconds</c>, <c>push_errors_total</c> and
    /// <c>push_dropped_total</c> with <c>target="otlp"</c>, like the other pushers. Calling it again only adds
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Optional changes to the options in code, applied after configuration.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHostApplicationBuilder AddOtlpMetricsExport(this IHostApplicationBuilder builder, Action<OtlpExportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMetrics();
        var services = builder.Services;
        var options = services.AddOptions<OtlpExportOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(OtlpMetricsExport)))
        {
            options.Bind(builder.Configuration.GetSection(OtlpExportOptions.SectionName));
            options.ValidateOnStart();
            services.AddSingleton<IValidateOptions<OtlpExportOptions>, OtlpExportOptionsValidator>();
            services.AddSingleton(static provider =>
            {
                var export = provider.GetRequiredService<IOptions<OtlpExportOptions>>().Value;
                var metrics = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
                var serviceName = provider.GetService<IHostEnvironment>()?.ApplicationName ?? "unknown_service";
                var selfMetrics = provider.GetRequiredService<MetricFactory>();
                var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
                var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<OtlpMetricsExport>();

                // The application's own provider (AddOpenTelemetry().WithMetrics()) takes our reader when it is built.
                return AppMeterProvider.IsRegistered(provider)
                    ? OtlpMetricsExport.OnAppProvider(export, metrics, serviceName, selfMetrics, time, logger, () => provider.GetService<MeterProvider>())
                    : new OtlpMetricsExport(export, metrics, serviceName, provider.GetRequiredService<IMeterFactory>(), selfMetrics, time, logger);
            });
            services.ConfigureOpenTelemetryMeterProvider(static (provider, builder) => provider.GetRequiredService<OtlpMetricsExport>().ConfigureAppProvider(builder));
            services.AddHostedService<OtlpExportStartup>();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }
}
